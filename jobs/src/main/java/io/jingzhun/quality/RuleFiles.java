package io.jingzhun.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads and validates rule files ({@code conf/quality/<table>.yaml}). Every error names the file and the
 * field ({@code conf/quality/members.yaml: rules[2].level: expected error or warning, got 'fatal'}), so
 * an auditor can fix a rule without reading Java.
 */
public final class RuleFiles {
  static final String FOLDER = "conf/quality";
  private static final Set<String> FILE_FIELDS =
      Set.of("table", "layer", "title", "county_column", "required", "candidate_location", "rules", "anomalies");
  private static final Set<String> RULE_FIELDS =
      Set.of("name", "kind", "level", "description", "column", "columns", "min_share", "quarantine", "values",
          "values_from", "min", "max", "table", "table_column", "prefix_column", "factors", "tolerance",
          "like_table", "count_missing");
  private static final Set<String> ANOMALY_FIELDS =
      Set.of("name", "metric", "column", "rule", "per", "strategy", "max_decrease", "max_increase", "lower",
          "upper", "level", "description");
  private static final List<String> METRICS = List.of("row_count", "completeness", "compliance", "mean");
  private static final List<String> STRATEGIES =
      List.of("relative_rate_of_change", "absolute_change", "simple_threshold");

  private RuleFiles() {}

  /** Every rule file of the project (on disk under the home, else inside the jar), sorted by table. */
  public static List<RuleFile> loadAll() {
    List<RuleFile> out = new ArrayList<>();
    for (String name : listNames()) {
      String source = FOLDER + "/" + name;
      out.add(parse(source, ProjectFiles.read(source)));
    }
    return out;
  }

  /** One table's rule file. */
  public static RuleFile load(String table) {
    String source = FOLDER + "/" + table + ".yaml";
    if (!ProjectFiles.exists(source)) {
      throw new IllegalArgumentException("no rule file " + source + " for table '" + table + "'");
    }
    return parse(source, ProjectFiles.read(source));
  }

  /** Parses and validates one rule file's text; {@code source} names it in errors. */
  public static RuleFile parse(String source, String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    Errors err = new Errors(source);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a mapping with table, layer and rules");
    }
    unknownFields(err, root, FILE_FIELDS, "");
    String table = text(err, root, "table", "", true);
    if (table != null && !table.matches("[a-z][a-z0-9_]*")) {
      err.add("table", "expected a table name in snake case, got '" + table + "'");
    }
    String expectedName = source.substring(source.lastIndexOf('/') + 1);
    if (table != null && !expectedName.equals(table + ".yaml") && source.startsWith(FOLDER)) {
      err.add("table", "expected '" + expectedName.replace(".yaml", "") + "' (the file name), got '" + table + "'");
    }
    String layer = text(err, root, "layer", "", true);
    if (layer != null && !layer.equals(RuleFile.STAGED) && !layer.equals(RuleFile.OUTPUT)) {
      err.add("layer", "expected staged or output, got '" + layer + "'");
    }
    ContractColumns contract =
        RuleFile.STAGED.equals(layer) && table != null ? ContractColumns.of(table).orElse(null) : null;
    if (RuleFile.STAGED.equals(layer) && table != null && contract == null) {
      err.add("table", "no contract schemas/extracts/" + table + ".json for staged table '" + table + "'");
    }
    String countyColumn = text(err, root, "county_column", "", false);
    checkColumn(err, contract, countyColumn, "county_column");
    boolean required = root.path("required").asBoolean(true);
    String candidateLocation = text(err, root, "candidate_location", "", false);

    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonNode rulesNode = root.path("rules");
    if (!rulesNode.isArray() || rulesNode.isEmpty()) {
      err.add("rules", "expected a non-empty list of rules");
    } else {
      for (int i = 0; i < rulesNode.size(); i++) {
        Rule r = rule(err, rulesNode.get(i), "rules[" + i + "]", layer, contract);
        if (r != null && !names.add(r.name())) {
          err.add("rules[" + i + "].name", "duplicate rule name '" + r.name() + "'");
        }
        if (r != null) {
          rules.add(r);
        }
      }
    }
    List<AnomalyRule> anomalies = new ArrayList<>();
    JsonNode an = root.path("anomalies");
    if (!an.isMissingNode() && !an.isNull()) {
      if (!an.isArray()) {
        err.add("anomalies", "expected a list");
      } else {
        for (int i = 0; i < an.size(); i++) {
          AnomalyRule a = anomaly(err, an.get(i), "anomalies[" + i + "]", rules, contract);
          if (a != null && !names.add(a.name())) {
            err.add("anomalies[" + i + "].name", "duplicate name '" + a.name() + "'");
          }
          if (a != null) {
            anomalies.add(a);
          }
        }
      }
    }
    err.throwIfAny();
    return new RuleFile(source, table, layer, text(err, root, "title", "", false), countyColumn, required,
        candidateLocation, rules, anomalies);
  }

  private static Rule rule(Errors err, JsonNode n, String at, String layer, ContractColumns contract) {
    if (!n.isObject()) {
      err.add(at, "expected a mapping with name, kind and level");
      return null;
    }
    int before = err.count();
    unknownFields(err, n, RULE_FIELDS, at + ".");
    String name = text(err, n, "name", at + ".", true);
    if (name != null && !name.matches("[a-z][a-z0-9_]*")) {
      err.add(at + ".name", "expected a rule name in snake case, got '" + name + "'");
    }
    String kindText = text(err, n, "kind", at + ".", true);
    RuleKind kind = kindText == null ? null : RuleKind.fromCode(kindText);
    if (kindText != null && kind == null) {
      err.add(at + ".kind", "expected one of " + RuleKind.codes() + ", got '" + kindText + "'");
    }
    Level level = level(err, n, at);
    List<String> columns = new ArrayList<>();
    if (n.has("column")) {
      columns.add(n.path("column").asText());
    }
    if (n.has("columns")) {
      n.path("columns").forEach(c -> columns.add(c.asText()));
    }
    double minShare = n.path("min_share").asDouble(1.0);
    if (minShare < 0 || minShare > 1 || (n.has("min_share") && !n.path("min_share").isNumber())) {
      err.add(at + ".min_share", "expected a share between 0 and 1, got '" + n.path("min_share").asText() + "'");
    }
    boolean quarantine = n.path("quarantine").asBoolean(false);
    if (quarantine && !RuleFile.STAGED.equals(layer)) {
      err.add(at + ".quarantine", "only rules on staged tables can quarantine rows");
    }
    if (kind != null) {
      if (kind == RuleKind.ROW_COUNT) {
        if (!columns.isEmpty()) {
          err.add(at + ".column", "row_count takes no column");
        }
        if (quarantine) {
          err.add(at + ".quarantine", "row_count judges the table, not rows: it cannot quarantine");
        }
      } else if (columns.isEmpty()) {
        err.add(at + ".column", "expected the column this rule judges");
      } else if (kind != RuleKind.UNIQUENESS && columns.size() > 1) {
        err.add(at + ".columns", "expected one column for " + kind.code());
      }
    }
    for (String c : columns) {
      checkColumn(err, contract, c, at + ".column");
    }
    List<String> values = new ArrayList<>();
    n.path("values").forEach(v -> values.add(v.asText()));
    String valuesFrom = text(err, n, "values_from", at + ".", false);
    Double min = number(err, n, "min", at);
    Double max = number(err, n, "max", at);
    String refTable = text(err, n, "table", at + ".", false);
    String refColumn = text(err, n, "table_column", at + ".", false);
    String other = text(err, n, "prefix_column", at + ".", false);
    List<String> factors = new ArrayList<>();
    n.path("factors").forEach(v -> factors.add(v.asText()));
    Double tol = number(err, n, "tolerance", at);
    String like = text(err, n, "like_table", at + ".", false);
    if (kind == RuleKind.ALLOWED_VALUES) {
      if (values.isEmpty() == (valuesFrom == null)) {
        err.add(at + ".values", "expected either values (a list) or values_from, not both or neither");
      }
      if (valuesFrom != null && !valuesFrom.equals("contract") && !valuesFrom.equals("programmes")
          && !valuesFrom.matches("admin_codes:(counties|townships|villages)")) {
        err.add(at + ".values_from",
            "expected contract, programmes or admin_codes:counties|townships|villages, got '" + valuesFrom + "'");
      }
      if ("contract".equals(valuesFrom) && contract != null && !columns.isEmpty()) {
        ContractColumns.Column c = contract.column(columns.get(0)).orElse(null);
        if (c != null && c.codes().isEmpty()) {
          err.add(at + ".values_from", "column '" + c.name() + "' has no codes in its contract");
        }
      }
    }
    if (kind == RuleKind.RANGE && min == null && max == null) {
      err.add(at + ".min", "expected min, max or both");
    }
    if (kind == RuleKind.RANGE && min != null && max != null && min > max) {
      err.add(at + ".max", "expected max >= min, got " + max + " < " + min);
    }
    if (kind == RuleKind.ID_VALIDITY && contract != null && !columns.isEmpty()) {
      ContractColumns.Column c = contract.column(columns.get(0)).orElse(null);
      if (c != null && !c.type().equals("resident_id")) {
        err.add(at + ".column", "expected a resident_id column, '" + c.name() + "' is " + c.type());
      }
    }
    if (kind == RuleKind.REFERENCES && refTable == null) {
      err.add(at + ".table", "expected the referenced staged table");
    }
    if (kind == RuleKind.PREFIX) {
      if (other == null) {
        err.add(at + ".prefix_column", "expected the column whose value must start this one");
      } else {
        checkColumn(err, contract, other, at + ".prefix_column");
      }
    }
    if (kind == RuleKind.PRODUCT && factors.size() < 2) {
      err.add(at + ".factors", "expected at least two factor columns (e.g. [H, A])");
    }
    if (kind == RuleKind.ROW_COUNT && like == null) {
      err.add(at + ".like_table", "expected the table whose row count this one must match");
    }
    if (err.count() > before) {
      return null;
    }
    return new Rule(name, kind, level, text(err, n, "description", at + ".", false), columns, minShare, quarantine,
        values, valuesFrom, min, max, refTable, refColumn == null && !columns.isEmpty() ? columns.get(0) : refColumn,
        other, factors, tol == null ? (kind == RuleKind.PRODUCT ? 1e-6 : 0.0) : tol, like,
        n.path("count_missing").asBoolean(false));
  }

  private static AnomalyRule anomaly(
      Errors err, JsonNode n, String at, List<Rule> rules, ContractColumns contract) {
    if (!n.isObject()) {
      err.add(at, "expected a mapping with name, metric, strategy and level");
      return null;
    }
    int before = err.count();
    unknownFields(err, n, ANOMALY_FIELDS, at + ".");
    String name = text(err, n, "name", at + ".", true);
    String metric = text(err, n, "metric", at + ".", true);
    if (metric != null && !METRICS.contains(metric)) {
      err.add(at + ".metric", "expected one of " + METRICS + ", got '" + metric + "'");
    }
    String column = text(err, n, "column", at + ".", false);
    String rule = text(err, n, "rule", at + ".", false);
    String per = text(err, n, "per", at + ".", false);
    if (("completeness".equals(metric) || "mean".equals(metric)) && column == null) {
      err.add(at + ".column", "expected the column whose " + metric + " is watched");
    }
    checkColumn(err, contract, column, at + ".column");
    if ("compliance".equals(metric)) {
      Rule r = rule == null ? null : rules.stream().filter(x -> x.name().equals(rule)).findFirst().orElse(null);
      if (r == null) {
        err.add(at + ".rule", "expected the name of a rule of this file, got '" + rule + "'");
      } else if (r.kind() == RuleKind.COMPLETENESS || r.kind() == RuleKind.UNIQUENESS
          || r.kind() == RuleKind.ROW_COUNT) {
        err.add(at + ".rule", "rule '" + rule + "' is " + r.kind().code()
            + "; watch it with metric completeness, or name a rule with a condition (e.g. id_validity)");
      }
    }
    if (per != null && !"mean".equals(metric)) {
      err.add(at + ".per", "only metric mean can be watched per group");
    }
    String strategy = text(err, n, "strategy", at + ".", true);
    if (strategy != null && !STRATEGIES.contains(strategy)) {
      err.add(at + ".strategy", "expected one of " + STRATEGIES + ", got '" + strategy + "'");
    }
    Double maxDec = number(err, n, "max_decrease", at);
    Double maxInc = number(err, n, "max_increase", at);
    Double lower = number(err, n, "lower", at);
    Double upper = number(err, n, "upper", at);
    if (strategy != null && strategy.endsWith("change") && maxDec == null && maxInc == null) {
      err.add(at + ".max_decrease", "expected max_decrease, max_increase or both for " + strategy);
    }
    if ("simple_threshold".equals(strategy) && (lower == null || upper == null)) {
      err.add(at + ".lower", "expected lower and upper for simple_threshold");
    }
    Level level = level(err, n, at);
    if (err.count() > before) {
      return null;
    }
    return new AnomalyRule(name, metric, column, rule, per, strategy, maxDec, maxInc, lower, upper, level,
        text(err, n, "description", at + ".", false));
  }

  private static Level level(Errors err, JsonNode n, String at) {
    String text = text(err, n, "level", at + ".", true);
    Level level = text == null ? null : Level.fromCode(text);
    if (text != null && level == null) {
      err.add(at + ".level", "expected error or warning, got '" + text + "'");
    }
    return level;
  }

  private static void checkColumn(Errors err, ContractColumns contract, String column, String at) {
    if (column != null && contract != null && !contract.hasStagedColumn(column)) {
      err.add(at, "no staged column '" + column + "' in contract schemas/extracts/" + contract.table() + ".json");
    }
  }

  private static void unknownFields(Errors err, JsonNode n, Set<String> known, String at) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        err.add(at + f, "unknown field (expected one of " + new TreeSet<>(known) + ")");
      }
    }
  }

  private static String text(Errors err, JsonNode n, String field, String at, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        err.add(at + field, "missing");
      }
      return null;
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      err.add(at + field, "expected text, got '" + v + "'");
      return null;
    }
    return v.asText().strip();
  }

  private static Double number(Errors err, JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      err.add(at + "." + field, "expected a number, got '" + v.asText() + "'");
      return null;
    }
    return v.asDouble();
  }

  /** Rule file names: the project folder on disk, else the jar's entries. */
  private static List<String> listNames() {
    Path dir = ProjectFiles.home().resolve(FOLDER);
    TreeSet<String> names = new TreeSet<>();
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).forEach(names::add);
        }
        return List.copyOf(names);
      }
      URL url = RuleFiles.class.getClassLoader().getResource(FOLDER);
      if (url != null && url.getProtocol().equals("jar")) {
        JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String n = e.nextElement().getName();
          if (n.startsWith(FOLDER + "/") && n.endsWith(".yaml") && n.indexOf('/', FOLDER.length() + 1) < 0) {
            names.add(n.substring(FOLDER.length() + 1));
          }
        }
      } else if (url != null && url.getProtocol().equals("file")) {
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
          s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).forEach(names::add);
        }
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + FOLDER, e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot list " + FOLDER, e);
    }
  }

  /** Collects every problem of a file, so an auditor fixes them in one go. */
  private static final class Errors {
    private final String source;
    private final List<String> messages = new ArrayList<>();

    Errors(String source) {
      this.source = source;
    }

    void add(String field, String message) {
      messages.add(source + ": " + field + ": " + message);
    }

    int count() {
      return messages.size();
    }

    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", messages));
      }
    }
  }
}
