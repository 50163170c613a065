package io.jingzhun.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.ResultKey;
import io.jingzhun.common.Lineage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import scala.Function1;
import scala.util.Success;

/**
 * Runs one table's rule file: compiles each rule into a Deequ check (the table-level verdict and the
 * metric kept in the repository) and, for row-level kinds, into the same SQL condition judged row by
 * row (failing counts, masked samples, quarantine), so the two never drift apart.
 */
final class TableCheck {
  private static final int SAMPLE_ROWS = 5;
  /** The quarantine's reason for a row failing a rule: this prefix and the rule's name. */
  static final String QUARANTINE_REASON = "RULE:";
  /** Key of the rows failing any quarantining rule among the failing counts (rule names start with a letter). */
  private static final String QUARANTINE_ROWS = "_quarantine_rows";

  /**
   * What one table's check produced. {@code quarantine} holds the rule-failing rows (staged only);
   * {@code quarantineRows} counts them and {@code quarantinedByReason} counts them by reason
   * ({@code RULE:<name>}; a row failing two rules has both), so that they need not be read back.
   * The rows as checked stay kept (a {@link Lineage} cut) until the outcome is closed, so that writing the
   * quarantine reads them from memory instead of computing the rules' joins and windows again (at 1M
   * households the quarantine took 79 s that way, 15 s from the cache): close the outcome once it is
   * written; the quarantine cannot be read after.
   */
  record Outcome(
      String table,
      String county,
      long rows,
      List<RuleResult> results,
      List<MetricValue> metrics,
      Optional<Dataset<Row>> quarantine,
      long quarantineRows,
      Map<String, Long> quarantinedByReason,
      Dataset<Row> cachedRows) implements AutoCloseable {
    /** Frees the kept rows ({@code quarantine} cannot be written after). */
    @Override
    public void close() {
      Lineage.release(cachedRows);
    }
  }

  /** A rule ready to run: its Deequ check and, for row-level kinds, its row condition. */
  private record Compiled(Rule rule, Check check, String condition, List<String> sampleColumns) {}

  private final RuleFile file;
  private final ReferenceLists refs;
  private final Function<String, Optional<Dataset<Row>>> otherTables;
  private final Optional<ContractColumns> contract;

  TableCheck(RuleFile file, ReferenceLists refs, Function<String, Optional<Dataset<Row>>> otherTables) {
    this.file = file;
    this.refs = refs;
    this.otherTables = otherTables;
    this.contract = file.staged() ? ContractColumns.of(file.table()) : Optional.empty();
  }

  Outcome run(Dataset<Row> data, LocalDate runDate, MetricsHistory history) {
    return run(data, runDate, history, new LinkedHashMap<>());
  }

  /** As {@link #run(Dataset, LocalDate, MetricsHistory)}, adding the time of each step (ms) to timings. */
  Outcome run(Dataset<Row> data, LocalDate runDate, MetricsHistory history, Map<String, Long> timings) {
    long t0 = System.nanoTime();
    List<RuleResult> notEvaluated = new ArrayList<>();
    Dataset<Row> prepared = data;
    List<Compiled> compiled = new ArrayList<>();
    for (int i = 0; i < file.rules().size(); i++) {
      Rule rule = file.rules().get(i);
      String helper = "__rule_" + i;
      try {
        missingColumns(rule, data).ifPresent(m -> {
          throw new IllegalArgumentException(m);
        });
        prepared = prepare(rule, helper, prepared);
        compiled.add(compile(rule, helper, prepared));
      } catch (IllegalArgumentException e) {
        notEvaluated.add(notEvaluated(rule, e.getMessage()));
      }
    }
    // Deequ's pass, the row pass, the samples and the quarantine all read these rows: a cut, not persist,
    // as a cut's rows are read back without decoding them (at 1M households the gate took 102 s, not 121 s).
    prepared = Lineage.cut(prepared);
    try {
      VerificationRunBuilder builder = new VerificationSuite().onData(prepared);
      for (Compiled c : compiled) {
        builder = builder.addCheck(c.check());
      }
      builder = builder.addRequiredAnalyzer(analyzer(new Size(Scala.none())));
      for (AnomalyRule a : file.anomalies()) {
        if (a.metric().equals("completeness")) {
          builder = builder.addRequiredAnalyzer(
              analyzer(new Completeness(a.column(), Scala.none(), Scala.none())));
        } else if (a.metric().equals("mean") && a.per() == null) {
          builder = builder.addRequiredAnalyzer(analyzer(new Mean(a.column(), Scala.none())));
        }
      }
      lap(timings, "prepare", t0);
      long t1 = System.nanoTime();
      VerificationResult verification = builder.run();
      // Failing rows per rule and the county tag, in one pass (the metrics are keyed by county).
      RowPass pass = rowPass(prepared, compiled);
      String county = pass.county();
      ResultKey key = new ResultKey(QualityGate.millis(runDate), Scala.map(Map.of("table", file.table(), "county", county)));
      List<MetricValue> metrics = new ArrayList<>(metricsOf(verification.metrics(), county, null));
      Map<Analyzer<?, Metric<?>>, Metric<?>> kept = new LinkedHashMap<>(Scala.java(verification.metrics()));
      metrics.addAll(perGroupMeans(prepared, county, kept));
      history.append(key, new AnalyzerContext(Scala.map(kept)));
      lap(timings, "deequ", t1);
      long t2 = System.nanoTime();
      long rows = metrics.stream()
          .filter(m -> m.name().equals("Size") && m.group() == null)
          .mapToLong(m -> (long) m.value()).findFirst().orElse(0L);

      Map<String, Long> failing = pass.failing();
      long quarantineRows = failing.getOrDefault(QUARANTINE_ROWS, 0L);
      Optional<Dataset<Row>> quarantine = quarantineRows(prepared, data, compiled);
      Map<String, Long> byReason = new java.util.TreeMap<>();
      Map<String, Long> quarantined = new LinkedHashMap<>();
      List<RuleResult> results = new ArrayList<>();
      Map<String, CheckResult> byRule = new LinkedHashMap<>();
      for (Map.Entry<Check, CheckResult> e : Scala.java(verification.checkResults()).entrySet()) {
        byRule.put(e.getKey().description(), e.getValue());
      }
      for (Compiled c : compiled) {
        long fail = failing.getOrDefault(c.rule().name(), 0L);
        if (c.rule().quarantine()) {
          quarantined.put(c.rule().name(), fail);
          if (c.condition() != null && fail > 0) {
            byReason.put(QUARANTINE_REASON + c.rule().name(), fail);
          }
        }
        results.add(result(c, byRule.get(c.rule().name()), rows, fail, quarantined.getOrDefault(c.rule().name(), 0L),
            prepared));
      }
      results.addAll(notEvaluated);
      lap(timings, "row_level", t2);
      results.sort((x, y) -> Integer.compare(indexOf(x.rule()), indexOf(y.rule())));
      return new Outcome(file.table(), county, rows, results, metrics, quarantine, quarantineRows, byReason,
          prepared);
    } catch (RuntimeException | Error e) {
      Lineage.release(prepared); // no outcome to close
      throw e;
    }
  }

  /** Row-level rules the quarantine writer uses: the columns it keeps and the reasons it gives. */
  private Optional<Dataset<Row>> quarantineRows(Dataset<Row> prepared, Dataset<Row> original, List<Compiled> compiled) {
    List<String> cases = new ArrayList<>();
    for (Compiled c : compiled) {
      if (c.rule().quarantine() && c.condition() != null) {
        cases.add("CASE WHEN NOT coalesce((" + c.condition() + "), false) THEN '" + QUARANTINE_REASON + c.rule().name()
            + "' END");
      }
    }
    if (cases.isEmpty()) {
      return Optional.empty();
    }
    List<Column> originalColumns = new ArrayList<>();
    for (String f : original.columns()) {
      originalColumns.add(col("`" + f + "`"));
    }
    Dataset<Row> flagged = prepared.withColumn(
        "reasons", expr("filter(array(" + String.join(", ", cases) + "), x -> x IS NOT NULL)"));
    return Optional.of(flagged
        .filter("size(reasons) > 0")
        .select(
            lit(file.table()).as("table"),
            has(original, "source_file") ? col("source_file") : lit(null).cast("string").as("source_file"),
            has(original, "source_line") ? col("source_line").cast("long").as("source_line")
                : lit(null).cast("long").as("source_line"),
            has(original, "record_key") ? col("record_key") : lit(null).cast("string").as("record_key"),
            org.apache.spark.sql.functions.to_json(
                org.apache.spark.sql.functions.struct(originalColumns.toArray(new Column[0]))).as("raw"),
            col("reasons")));
  }

  private void lap(Map<String, Long> timings, String step, long since) {
    timings.merge(file.table() + "." + step, (System.nanoTime() - since) / 1_000_000, Long::sum);
  }

  private int indexOf(String ruleName) {
    for (int i = 0; i < file.rules().size(); i++) {
      if (file.rules().get(i).name().equals(ruleName)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private RuleResult result(Compiled c, CheckResult checkResult, long rows, long failing, long quarantined,
      Dataset<Row> prepared) {
    Rule r = c.rule();
    Double value = null;
    String message = null;
    boolean ok = false;
    if (checkResult != null) {
      ok = checkResult.status() == com.amazon.deequ.checks.CheckStatus.Success();
      for (ConstraintResult cr : Scala.java(checkResult.constraintResults())) {
        if (cr.metric().isDefined() && cr.metric().get().value().isSuccess()) {
          Object v = cr.metric().get().value().get();
          value = v instanceof Number n ? n.doubleValue() : null;
        }
        if (cr.status() != ConstraintStatus.Success() && cr.message().isDefined()) {
          message = cr.message().get();
        }
      }
    } else {
      message = "Deequ returned no result for this rule";
    }
    List<Map<String, String>> samples = failing > 0 && c.condition() != null
        ? samples(prepared, c) : List.of();
    if (message == null && failing > 0) {
      message = failing + " of " + rows + " rows fail (within the allowed share)";
    }
    return new RuleResult(file.table(), r.name(), r.kind().code(), r.level(),
        ok ? RuleResult.PASSED : RuleResult.FAILED, value, expectation(r), rows, failing, quarantined,
        message == null ? null : Masking.scrub(message), r.description(), samples);
  }

  private static String expectation(Rule r) {
    return switch (r.kind()) {
      case ROW_COUNT -> "rows = rows of " + r.likeTable()
          + (r.tolerance() > 0 ? " ± " + pct(r.tolerance()) : "");
      case UNIQUENESS -> "unique " + String.join(", ", r.columns()) + (r.minShare() < 1 ? " ≥ " + pct(r.minShare()) : "");
      default -> (r.minShare() < 1 ? "≥ " + pct(r.minShare()) : "all") + " of rows";
    };
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.4g%%", share * 100);
  }

  private List<Map<String, String>> samples(Dataset<Row> prepared, Compiled c) {
    List<String> cols = new ArrayList<>();
    if (has(prepared, "record_key")) {
      cols.add("record_key");
    }
    for (String s : c.sampleColumns()) {
      if (has(prepared, s) && !cols.contains(s)) {
        cols.add(s);
      }
    }
    List<Column> select = cols.stream().map(s -> col("`" + s + "`").cast("string").as(s)).toList();
    List<Row> rows = prepared.filter(not(coalesce(expr(c.condition()), lit(false))))
        .select(select.toArray(new Column[0])).limit(SAMPLE_ROWS).collectAsList();
    List<Map<String, String>> out = new ArrayList<>();
    for (Row row : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < cols.size(); i++) {
        String name = cols.get(i);
        String kind = contract.map(k -> k.personalKind(name)).orElse(null);
        String v = row.isNullAt(i) ? null : row.getString(i);
        m.put(cols.get(i), v == null ? "∅" : Masking.mask(kind, v));
      }
      out.add(m);
    }
    return out;
  }

  /** Rows failing each row-level rule (and, under {@link #QUARANTINE_ROWS}, any quarantining rule); the county tag. */
  private record RowPass(Map<String, Long> failing, String county) {}

  /**
   * One pass over the rows: the rows failing each row-level rule, under {@link #QUARANTINE_ROWS} the
   * rows failing any quarantining rule (the rows the quarantine writer keeps), and the county tag of
   * the metrics: the county code when the table holds exactly one, else "all".
   */
  private RowPass rowPass(Dataset<Row> prepared, List<Compiled> compiled) {
    List<Column> aggs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Column anyQuarantined = null;
    for (Compiled c : compiled) {
      if (c.condition() != null) {
        Column fails = not(coalesce(expr(c.condition()), lit(false)));
        aggs.add(sum(when(fails, 1L).otherwise(0L)).as(c.rule().name()));
        names.add(c.rule().name());
        if (c.rule().quarantine()) {
          anyQuarantined = anyQuarantined == null ? fails : anyQuarantined.or(fails);
        }
      }
    }
    if (anyQuarantined != null) {
      aggs.add(sum(when(anyQuarantined, 1L).otherwise(0L)).as(QUARANTINE_ROWS));
      names.add(QUARANTINE_ROWS);
    }
    boolean perCounty = file.countyColumn() != null && has(prepared, file.countyColumn());
    if (perCounty) {
      Column county = col("`" + file.countyColumn() + "`").cast("string");
      aggs.add(org.apache.spark.sql.functions.min(county));
      aggs.add(org.apache.spark.sql.functions.max(county));
    }
    Map<String, Long> failing = new LinkedHashMap<>();
    if (aggs.isEmpty()) {
      return new RowPass(failing, "all");
    }
    Row r = prepared.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    for (int i = 0; i < names.size(); i++) {
      failing.put(names.get(i), r.isNullAt(i) ? 0L : r.getLong(i));
    }
    String county = "all";
    if (perCounty) {
      String min = r.getString(names.size());
      String max = r.getString(names.size() + 1);
      county = min != null && min.equals(max) ? min : "all";
    }
    return new RowPass(failing, county);
  }

  /** Adds the helper column a rule needs (duplicate counts, reference hits) to the data. */
  private Dataset<Row> prepare(Rule rule, String helper, Dataset<Row> data) {
    switch (rule.kind()) {
      case UNIQUENESS: {
        Column[] keys = rule.columns().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return data.withColumn(helper, count(lit(1)).over(Window.partitionBy(keys)));
      }
      case REFERENCES: {
        Dataset<Row> ref = otherTables.apply(rule.refTable()).orElseThrow(() -> new IllegalArgumentException(
            "referenced table '" + rule.refTable() + "' is not available for this run date"));
        if (!has(ref, rule.refColumn())) {
          throw new IllegalArgumentException(
              "referenced table '" + rule.refTable() + "' has no column '" + rule.refColumn() + "'");
        }
        Dataset<Row> keys = ref.select(col("`" + rule.refColumn() + "`").cast("string").as(helper + "_key"))
            .where(col(helper + "_key").isNotNull()).distinct().withColumn(helper, lit(true));
        return data.join(keys, col("`" + rule.column() + "`").cast("string").equalTo(col(helper + "_key")), "left")
            .drop(helper + "_key");
      }
      default:
        return data;
    }
  }

  private Compiled compile(Rule rule, String helper, Dataset<Row> prepared) {
    Check check = new Check(level(rule.level()), rule.name(), Scala.seq(List.of()));
    Function1<Object, Object> atLeast = share(rule.minShare());
    Optional<String> hint = Optional.ofNullable(rule.description());
    String c = rule.column() == null ? null : q(rule.column());
    List<String> sample = new ArrayList<>(rule.columns());
    switch (rule.kind()) {
      case COMPLETENESS:
        return new Compiled(rule,
            check.hasCompleteness(rule.column(), atLeast, Scala.some(rule.name()), Scala.none()),
            c + " IS NOT NULL", sample);
      case ROW_COUNT: {
        Dataset<Row> like = otherTables.apply(rule.likeTable()).orElseThrow(() -> new IllegalArgumentException(
            "table '" + rule.likeTable() + "' is not available for this run date"));
        long expected = like.count();
        double tol = rule.tolerance();
        Function1<Object, Object> near = n -> Math.abs(((Number) n).doubleValue() - expected) <= tol * expected;
        return new Compiled(rule, check.hasSize(near, Scala.some(rule.name() + ": expected " + expected + " rows")),
            null, List.of());
      }
      default: {
        String condition = condition(rule, helper, prepared);
        if (rule.kind() == RuleKind.ID_VALIDITY) {
          sample = List.of(rule.column() + "_normalised", rule.column() + "_issue");
        } else if (rule.kind() == RuleKind.PREFIX) {
          sample.add(rule.otherColumn());
        } else if (rule.kind() == RuleKind.PRODUCT) {
          sample.addAll(rule.factors());
        }
        return new Compiled(rule,
            check.satisfies("coalesce((" + condition + "), false)", rule.name(), atLeast,
                Scala.some(hint.orElse(rule.name())), Scala.list(List.of()), Scala.none()),
            condition, sample);
      }
    }
  }

  /** The row condition of a condition-based rule: true when the row passes (nulls pass: completeness is its own rule). */
  private String condition(Rule rule, String helper, Dataset<Row> prepared) {
    if (rule.kind() == RuleKind.UNIQUENESS) {
      // The verdict is Deequ's compliance with "the key occurs once" over the duplicate count that
      // prepare() adds, not Deequ's Uniqueness analyzer: that would group the table by the key a
      // second time, in a query of its own, for the share the one scan already gives.
      String nullKey = String.join(" OR ", rule.columns().stream().map(x -> q(x) + " IS NULL").toList());
      return "(" + nullKey + " OR " + helper + " = 1)";
    }
    String c = q(rule.column());
    switch (rule.kind()) {
      case ALLOWED_VALUES: {
        List<String> allowed = allowedValues(rule);
        String in = String.join(", ", allowed.stream().map(TableCheck::literal).toList());
        DataType type = prepared.schema().apply(rule.column()).dataType();
        if (type instanceof ArrayType) {
          return "(" + c + " IS NULL OR forall(" + c + ", x -> x IS NULL OR x IN (" + in + ")))";
        }
        return "(" + c + " IS NULL OR CAST(" + c + " AS STRING) IN (" + in + "))";
      }
      case RANGE: {
        List<String> parts = new ArrayList<>();
        if (rule.min() != null) {
          parts.add(c + " >= " + num(rule.min()));
        }
        if (rule.max() != null) {
          parts.add(c + " <= " + num(rule.max()));
        }
        return "(" + c + " IS NULL OR (" + String.join(" AND ", parts) + "))";
      }
      case ID_VALIDITY: {
        String issue = q(rule.column() + "_issue");
        if (!has(prepared, rule.column() + "_issue")) {
          throw new IllegalArgumentException("no column " + rule.column() + "_issue in the staged table");
        }
        return rule.countMissing() ? issue + " IS NULL" : "(" + issue + " IS NULL OR " + issue + " = 'MISSING')";
      }
      case REFERENCES:
        return "(" + c + " IS NULL OR " + helper + " IS NOT NULL)";
      case PREFIX: {
        String o = q(rule.otherColumn());
        return "(" + c + " IS NULL OR " + o + " IS NULL OR startswith(CAST(" + c + " AS STRING), CAST(" + o
            + " AS STRING)))";
      }
      case PRODUCT: {
        List<String> all = new ArrayList<>(List.of(c));
        rule.factors().forEach(f -> all.add(q(f)));
        String nulls = String.join(" OR ", all.stream().map(x -> x + " IS NULL").toList());
        String product = String.join(" * ", rule.factors().stream().map(TableCheck::q).toList());
        return "(" + nulls + " OR abs(" + c + " - " + product + ") <= " + num(rule.tolerance()) + ")";
      }
      default:
        throw new IllegalStateException("no condition for " + rule.kind());
    }
  }

  private List<String> allowedValues(Rule rule) {
    if (!rule.values().isEmpty()) {
      return rule.values();
    }
    if (rule.valuesFrom().equals("contract")) {
      return contract.flatMap(k -> k.column(rule.column())).map(ContractColumns.Column::codes)
          .filter(l -> !l.isEmpty())
          .orElseThrow(() -> new IllegalArgumentException("no contract codes for column " + rule.column()));
    }
    return refs.values(rule.valuesFrom());
  }

  /** Per-group means (e.g. H and M0 per county), added to context as filtered Mean metrics for the history. */
  private List<MetricValue> perGroupMeans(
      Dataset<Row> data, String county, Map<Analyzer<?, Metric<?>>, Metric<?>> context) {
    Map<String, List<AnomalyRule>> byPer = new LinkedHashMap<>();
    for (AnomalyRule a : file.anomalies()) {
      if (a.metric().equals("mean") && a.per() != null) {
        byPer.computeIfAbsent(a.per(), k -> new ArrayList<>()).add(a);
      }
    }
    List<MetricValue> out = new ArrayList<>();
    if (byPer.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, List<AnomalyRule>> e : byPer.entrySet()) {
      String per = e.getKey();
      List<String> columns = e.getValue().stream().map(AnomalyRule::column).distinct().toList();
      List<Column> aggs = columns.stream().map(c -> org.apache.spark.sql.functions.avg(col("`" + c + "`")).as(c)).toList();
      List<Row> rows = data.where(col("`" + per + "`").isNotNull())
          .groupBy(col("`" + per + "`").cast("string").as(per))
          .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).collectAsList();
      for (Row r : rows) {
        String group = r.getString(0);
        for (int i = 0; i < columns.size(); i++) {
          if (r.isNullAt(i + 1)) {
            continue;
          }
          double v = ((Number) r.get(i + 1)).doubleValue();
          Mean mean = new Mean(columns.get(i), Scala.some(groupFilter(per, group)));
          context.put(analyzer(mean),
              new DoubleMetric(Entity.Column(), "Mean", columns.get(i), new Success<>(v), Scala.none()));
          out.add(new MetricValue(file.table(), county, "Column", "Mean", columns.get(i), group, v));
        }
      }
    }
    return out;
  }

  static String groupFilter(String per, String group) {
    return per + " = " + literal(group);
  }

  private List<MetricValue> metricsOf(
      scala.collection.immutable.Map<Analyzer<?, Metric<?>>, Metric<?>> metrics, String county, String group) {
    List<MetricValue> out = new ArrayList<>();
    for (Metric<?> m : Scala.java(metrics).values()) {
      if (m instanceof DoubleMetric d && d.value().isSuccess()) {
        out.add(new MetricValue(file.table(), county, d.entity().toString(), d.name(), d.instance(), group,
            ((Number) d.value().get()).doubleValue()));
      }
    }
    out.sort((a, b) -> (a.name() + a.instance()).compareTo(b.name() + b.instance()));
    return out;
  }

  private Optional<String> missingColumns(Rule rule, Dataset<Row> data) {
    List<String> needed = new ArrayList<>(rule.columns());
    needed.addAll(rule.factors());
    if (rule.otherColumn() != null) {
      needed.add(rule.otherColumn());
    }
    List<String> missing = needed.stream().filter(n -> !has(data, n)).toList();
    return missing.isEmpty() ? Optional.empty()
        : Optional.of("table '" + file.table() + "' has no column " + String.join(", ", missing));
  }

  private RuleResult notEvaluated(Rule rule, String why) {
    return new RuleResult(file.table(), rule.name(), rule.kind().code(), rule.level(), RuleResult.NOT_EVALUATED,
        null, expectation(rule), 0, 0, 0, why, rule.description(), List.of());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Analyzer<?, Metric<?>> analyzer(Analyzer a) {
    return (Analyzer<?, Metric<?>>) a;
  }

  private static scala.Enumeration.Value level(Level level) {
    return level == Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning();
  }

  private static Function1<Object, Object> share(double min) {
    // A tiny slack so that "every row" (1.0) is not defeated by floating division.
    return v -> ((Number) v).doubleValue() >= min - 1e-12;
  }

  static boolean has(Dataset<Row> data, String column) {
    for (String f : data.columns()) {
      if (f.equals(column)) {
        return true;
      }
    }
    return false;
  }

  /** A column name quoted for Spark SQL. */
  static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
