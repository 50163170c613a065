package io.jingzhun.quality;

import com.amazon.deequ.suggestions.ConstraintSuggestion;
import com.amazon.deequ.suggestions.ConstraintSuggestionResult;
import com.amazon.deequ.suggestions.ConstraintSuggestionRunner;
import com.amazon.deequ.suggestions.Rules;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * A starting rule file for a source, from Deequ's constraint suggestions on its staged data: the
 * suggestions Jingzhun's rule kinds can express become rules (at warning level, to be reviewed), the
 * others are kept as comments. Personal columns are left out, so no name or ID value can be suggested
 * as an allowed value.
 */
public final class RuleSuggestions {
  private static final Pattern SHARE = Pattern.compile(">= ?([0-9.]+)");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private RuleSuggestions() {}

  /** The latest staged run date of a table (or the given one), as a starting rule file in YAML. */
  public static String suggest(SparkSession spark, Warehouse warehouse, String table, Optional<LocalDate> date) {
    LocalDate d = date.orElseGet(() -> latestRunDate(spark, warehouse, table));
    String path = warehouse.partition(Layer.STAGED, table, d);
    if (!HadoopFiles.of(spark).exists(path)) {
      throw new IllegalArgumentException("no staged table " + path);
    }
    return suggest(table, d, spark.read().parquet(path));
  }

  static String suggest(String table, LocalDate date, Dataset<Row> data) {
    Optional<ContractColumns> contract = ContractColumns.of(table);
    List<String> columns = new ArrayList<>();
    for (StructField f : data.schema().fields()) {
      boolean simple = f.dataType() instanceof StringType || f.dataType() instanceof NumericType
          || f.dataType() instanceof BooleanType;
      boolean personal = contract.map(c -> c.personalKind(f.name()) != null).orElse(false);
      if (simple && !personal && !List.of("source_file", "source_line", "record_key").contains(f.name())) {
        columns.add(f.name());
      }
    }
    ConstraintSuggestionResult result = new ConstraintSuggestionRunner().onData(data)
        .addConstraintRules(Rules.DEFAULT())
        .restrictToColumns(Scala.seq(columns))
        .run();
    StringBuilder y = new StringBuilder();
    y.append("# Suggested by Deequ from staged ").append(table).append(" of ").append(date)
        .append(" (").append(result.numRecordsUsedForProfiling()).append(" rows).\n")
        .append("# A starting point: review every rule, pick levels (error blocks publishing), prefer\n")
        .append("# values_from: contract for coded columns, then save as conf/quality/").append(table).append(".yaml.\n")
        .append("table: ").append(table).append('\n')
        .append("layer: ").append(contract.isPresent() ? RuleFile.STAGED : RuleFile.OUTPUT).append('\n')
        .append("rules:\n");
    StringBuilder comments = new StringBuilder();
    Set<String> names = new HashSet<>();
    int rules = 0;
    for (String column : columns) {
      scala.Option<scala.collection.Seq<ConstraintSuggestion>> s = result.constraintSuggestions().get(column);
      if (s.isEmpty()) {
        continue;
      }
      for (ConstraintSuggestion c : Scala.java(s.get())) {
        String rule = c.suggestingRule().getClass().getSimpleName();
        String code = c.codeForConstraint();
        String yaml = switch (rule) {
          case "CompleteIfCompleteRule" -> ruleYaml(names, column, "complete", "completeness", "column: " + column, null);
          case "RetainCompletenessRule" -> ruleYaml(names, column, "mostly_complete", "completeness",
              "column: " + column, share(code));
          case "UniqueIfApproximatelyUniqueRule" -> ruleYaml(names, column, "unique", "uniqueness",
              "columns: [" + column + "]", null);
          case "NonNegativeNumbersRule" -> ruleYaml(names, column, "non_negative", "range",
              "column: " + column + "\n    min: 0", null);
          case "CategoricalRangeRule", "FractionalCategoricalRangeRule" -> values(code) == null ? null
              : ruleYaml(names, column, "known_values", "allowed_values",
                  "column: " + column + "\n    values: " + values(code),
                  rule.startsWith("Fractional") ? share(code) : null);
          default -> null;
        };
        if (yaml == null) {
          comments.append("#   ").append(column).append(": ").append(oneLine(c.description())).append('\n');
        } else {
          y.append("  # Deequ: ").append(oneLine(c.description())).append('\n').append(yaml);
          rules++;
        }
      }
    }
    if (rules == 0) {
      y.append("  - name: table_not_empty\n    kind: completeness\n    column: ").append(columns.get(0))
          .append("\n    min_share: 0\n    level: warning\n");
    }
    if (comments.length() > 0) {
      y.append("# Other suggestions (no rule kind expresses them):\n").append(comments);
    }
    return Masking.scrub(y.toString());
  }

  private static String ruleYaml(Set<String> names, String column, String suffix, String kind, String body,
      String minShare) {
    String name = column.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + suffix;
    if (!name.matches("[a-z].*")) {
      name = "c_" + name;
    }
    while (!names.add(name)) {
      name = name + "_2";
    }
    return "  - name: " + name + "\n    kind: " + kind + "\n    " + body + "\n"
        + (minShare == null ? "" : "    min_share: " + minShare + "\n") + "    level: warning\n";
  }

  private static String share(String code) {
    Matcher m = SHARE.matcher(code);
    return m.find() ? m.group(1).replaceAll("\\.$", "") : null;
  }

  /** Deequ's {@code Array("a", "b")} as a YAML flow list, or null when there is none. */
  private static String values(String code) {
    int start = code.indexOf("Array(");
    if (start < 0) {
      return null;
    }
    List<String> out = new ArrayList<>();
    Matcher m = QUOTED.matcher(code.substring(start));
    while (m.find()) {
      out.add("'" + m.group(1).replace("\\\"", "\"").replace("'", "''") + "'");
    }
    return out.isEmpty() ? null : "[" + String.join(", ", out) + "]";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ");
  }

  private static LocalDate latestRunDate(SparkSession spark, Warehouse warehouse, String table) {
    LocalDate latest = null;
    for (FileStatus s : HadoopFiles.of(spark).list(warehouse.table(Layer.STAGED, table))) {
      String n = s.getPath().getName();
      if (s.isDirectory() && n.startsWith("run_date=")) {
        LocalDate d = LocalDate.parse(n.substring("run_date=".length()));
        latest = latest == null || d.isAfter(latest) ? d : latest;
      }
    }
    if (latest == null) {
      throw new IllegalArgumentException("no staged run of table '" + table + "' under " + warehouse.table(Layer.STAGED, table));
    }
    return latest;
  }
}
