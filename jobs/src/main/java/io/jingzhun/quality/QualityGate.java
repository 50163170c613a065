package io.jingzhun.quality;

import static org.apache.spark.sql.functions.col;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.SideBySide;
import io.jingzhun.common.StagedRows;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish gate of the nightly run. It checks every staged table of the run date and the candidate
 * output tables against their rule files, quarantines rule-failing rows, records tonight's metrics,
 * judges anomalies against earlier nights, profiles the sources, and writes the auditors' report. The
 * caller publishes only when {@link QualityOutcome#passed()}.
 *
 * <p>Where things go (all under the warehouse): rule quarantine {@code quarantine/<table>_rules/run_date=D}
 * (same columns as ingestion's quarantine plus {@code record_key}; reasons {@code RULE:<rule name>});
 * {@code quality/check_results|metrics|anomalies|quarantine_counts|reconciliation/run_date=D} (Parquet);
 * {@code quality/report/run_date=D/report.html|report.json}; {@code quality/profiles/run_date=D/<table>.json};
 * the Deequ metrics repository {@code quality/metrics_repository/metrics.json}.
 */
public final class QualityGate {
  private static final Logger LOG = LoggerFactory.getLogger(QualityGate.class);

  private QualityGate() {}

  /** Checks with the project's rule files and reference lists. */
  public static QualityOutcome check(
      SparkSession spark, Warehouse warehouse, LocalDate runDate, List<CandidateTable> candidates) {
    return check(spark, warehouse, runDate, candidates, RuleFiles.loadAll(), ReferenceLists.fromProject());
  }

  /** Checks with given rule files and reference lists, profiling every staged source. */
  public static QualityOutcome check(SparkSession spark, Warehouse warehouse, LocalDate runDate,
      List<CandidateTable> candidates, List<RuleFile> ruleFiles, ReferenceLists refs) {
    return check(spark, warehouse, runDate, candidates, ruleFiles, refs, true);
  }

  /**
   * Checks with given rule files and reference lists; {@code profiles} false skips the column profiles
   * (three passes over the table's rows: generic statistics, numeric statistics, histograms).
   */
  public static QualityOutcome check(SparkSession spark, Warehouse warehouse, LocalDate runDate,
      List<CandidateTable> candidates, List<RuleFile> ruleFiles, ReferenceLists refs, boolean profiles) {
    HadoopFiles files = HadoopFiles.of(spark);
    Evaluation e = evaluate(spark, warehouse, runDate, candidates, ruleFiles, refs, profiles);
    List<RuleFile> stagedFiles = ruleFiles.stream().filter(RuleFile::staged).toList();
    if (!stagedFiles.isEmpty()) {
      StagedChecks.save(files, warehouse, runDate,
          e.only(stagedFiles.stream().map(RuleFile::table).collect(java.util.stream.Collectors.toSet())),
          StagedChecks.fingerprint(files, warehouse, runDate, stagedFiles, refs));
    }
    return finish(spark, files, warehouse, runDate, e);
  }

  /**
   * The gate before a publish commit: checks the candidate output tables, and reuses tonight's check of
   * the staged tables (made by the quality stage) when the staged tables and their rules are unchanged
   * since; otherwise the staged tables are checked again. The report covers both.
   */
  public static QualityOutcome checkOutputs(
      SparkSession spark, Warehouse warehouse, LocalDate runDate, List<CandidateTable> candidates) {
    return checkOutputs(spark, warehouse, runDate, candidates, RuleFiles.loadAll(), ReferenceLists.fromProject());
  }

  /** As {@link #checkOutputs(SparkSession, Warehouse, LocalDate, List)} with given rules and lists. */
  public static QualityOutcome checkOutputs(SparkSession spark, Warehouse warehouse, LocalDate runDate,
      List<CandidateTable> candidates, List<RuleFile> ruleFiles, ReferenceLists refs) {
    HadoopFiles files = HadoopFiles.of(spark);
    List<RuleFile> stagedFiles = ruleFiles.stream().filter(RuleFile::staged).toList();
    Optional<Evaluation> staged = StagedChecks.load(files, warehouse, runDate,
        StagedChecks.fingerprint(files, warehouse, runDate, stagedFiles, refs));
    if (staged.isEmpty()) {
      LOG.info("quality: no current check of the staged tables of {}: checking them again", runDate);
      return check(spark, warehouse, runDate, candidates, ruleFiles, refs, true);
    }
    LOG.info("quality: reusing tonight's check of the staged tables (unchanged since)");
    Evaluation outputs = evaluate(spark, warehouse, runDate, candidates,
        ruleFiles.stream().filter(f -> !f.staged()).toList(), refs, false);
    Evaluation reused = staged.get().plus(Evaluation.note("staged tables: the quality stage's check of tonight is"
        + " reused (the staged tables and their rules are unchanged since)"));
    return finish(spark, files, warehouse, runDate, reused.plus(outputs));
  }

  /** What the checks of some rule files found, before findings are counted and the report is written. */
  record Evaluation(List<RuleResult> results, List<AnomalyResult> anomalies, List<MetricValue> metrics,
      List<QuarantineCount> quarantine, List<Reconciliation> reconciliation, List<TrendSeries> trends,
      List<ColumnSummary> profiles, List<String> notes, Map<String, Long> timingsMs) {

    /** An evaluation holding only a note for the report (none when note is null). */
    static Evaluation note(String note) {
      return new Evaluation(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          note == null ? List.of() : List.of(note), Map.of());
    }

    Evaluation plus(Evaluation o) {
      Map<String, Long> t = new LinkedHashMap<>(timingsMs);
      o.timingsMs.forEach((k, v) -> t.merge(k, v, Long::sum));
      return new Evaluation(concat(results, o.results), concat(anomalies, o.anomalies), concat(metrics, o.metrics),
          concat(quarantine, o.quarantine), concat(reconciliation, o.reconciliation), concat(trends, o.trends),
          concat(profiles, o.profiles), concat(notes, o.notes), t);
    }

    /** The part about the given (staged) tables, without timings: what the output gate may reuse. */
    Evaluation only(Set<String> tables) {
      return new Evaluation(
          results.stream().filter(x -> tables.contains(x.table())).toList(),
          anomalies.stream().filter(x -> tables.contains(x.table())).toList(),
          metrics.stream().filter(x -> tables.contains(x.table())).toList(),
          quarantine.stream().filter(x -> tables.contains(x.table())).toList(),
          reconciliation.stream().filter(x -> tables.contains(x.table())).toList(),
          trends.stream().filter(x -> tables.contains(x.table())).toList(),
          profiles.stream().filter(x -> tables.contains(x.table())).toList(),
          List.of(), Map.of());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }
  }

  private static Evaluation evaluate(SparkSession spark, Warehouse warehouse, LocalDate runDate,
      List<CandidateTable> candidates, List<RuleFile> ruleFiles, ReferenceLists refs, boolean profiles) {
    HadoopFiles files = HadoopFiles.of(spark);
    MetricsHistory history = new MetricsHistory(spark, repositoryPath(warehouse));
    Map<String, CandidateTable> candidateByName = new LinkedHashMap<>();
    candidates.forEach(c -> candidateByName.put(c.name(), c));
    Map<String, RuleFile> fileByTable = new LinkedHashMap<>();
    ruleFiles.forEach(f -> fileByTable.put(f.table(), f));

    Map<String, Optional<Dataset<Row>>> loaded = new ConcurrentHashMap<>();
    Function<String, Optional<Dataset<Row>>> tables = name -> loaded.computeIfAbsent(name, n -> {
      if (candidateByName.containsKey(n)) {
        return Optional.of(spark.read().parquet(candidateByName.get(n).location()));
      }
      RuleFile output = fileByTable.get(n);
      if (output != null && !output.staged()) {
        return outputCandidate(spark, files, warehouse, runDate, output, candidateByName);
      }
      String staged = warehouse.partition(Layer.STAGED, n, runDate);
      return files.exists(staged) ? Optional.of(spark.read().parquet(staged)) : Optional.empty();
    });

    long gateStart = System.nanoTime();
    List<Callable<Evaluation>> work = new ArrayList<>();
    for (RuleFile file : ruleFiles) {
      work.add(() -> checkTable(spark, files, warehouse, runDate, file, refs, profiles, tables, history));
    }
    Evaluation all = Evaluation.note(null);
    for (Evaluation e : SideBySide.run("quality", work, spark.sparkContext().defaultParallelism())) {
      all = all.plus(e);
    }
    List<RuleResult> results = new ArrayList<>();
    for (CandidateTable c : candidates) {
      if (!fileByTable.containsKey(c.name())) {
        results.add(new RuleResult(c.name(), "rules_defined", "rules_defined", Level.WARNING,
            RuleResult.NOT_EVALUATED, null, "a rule file conf/quality/" + c.name() + ".yaml", 0, 0, 0,
            "candidate table has no rule file: nothing was checked", null, List.of()));
      }
    }
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("checks", (System.nanoTime() - gateStart) / 1_000_000);
    return all.plus(new Evaluation(results, List.of(), List.of(), List.of(), List.of(),
        anomalyTrends(all.anomalies(), runDate), List.of(), List.of(), timings));
  }

  /** The checks of one rule file's table (tables are checked side by side; this touches only its own). */
  private static Evaluation checkTable(SparkSession spark, HadoopFiles files, Warehouse warehouse, LocalDate runDate,
      RuleFile file, ReferenceLists refs, boolean profiles, Function<String, Optional<Dataset<Row>>> tables,
      MetricsHistory history) {
    spark.sparkContext().setJobDescription("quality " + file.table());
    try {
      List<RuleResult> results = new ArrayList<>();
      List<QuarantineCount> quarantine = new ArrayList<>();
      List<Reconciliation> reconciliation = new ArrayList<>();
      List<ColumnSummary> columnProfiles = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      Map<String, Long> timings = new LinkedHashMap<>();
      Optional<Dataset<Row>> data;
      if (file.staged()) {
        data = tables.apply(file.table());
        if (data.isEmpty()) {
          results.add(new RuleResult(file.table(), "table_present", "table_present",
              file.required() ? Level.ERROR : Level.WARNING, RuleResult.NOT_EVALUATED, null, "staged table present",
              0, 0, 0, "no staged table " + warehouse.partition(Layer.STAGED, file.table(), runDate), null,
              List.of()));
          return new Evaluation(results, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), notes,
              timings);
        }
      } else {
        data = tables.apply(file.table());
        if (data.isEmpty()) {
          notes.add("output table '" + file.table() + "' not checked: no candidate for this run");
          return new Evaluation(results, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), notes,
              timings);
        }
      }
      long start = System.nanoTime();
      try (TableCheck.Outcome outcome =
          new TableCheck(file, refs, tables).run(data.get(), runDate, history, timings)) {
        long t = System.nanoTime();
        results.addAll(outcome.results());
        List<AnomalyResult> anomalies = AnomalyChecks.judge(file, outcome.county(), runDate, history);
        List<TrendSeries> trends = List.of(new TrendSeries(file.table(), "rows of " + file.table(),
            AnomalyChecks.rowCounts(history, file.table(), outcome.county())));
        t = lap(timings, file.table() + ".anomalies", t);
        if (file.staged()) {
          long byRules = writeRuleQuarantine(files, warehouse, runDate, outcome, quarantine);
          long atIngest = ingestQuarantine(spark, files, warehouse, runDate, file.table(), quarantine);
          reconciliation.add(new Reconciliation(file.table(), outcome.rows() + atIngest, outcome.rows(), atIngest,
              byRules, outcome.rows() - byRules));
          t = lap(timings, file.table() + ".quarantine", t);
          outcome.close(); // the profile reads the staged files: free the memory for it
          if (profiles) {
            Profiles.Profile profile = Profiles.of(file.table(), data.get(), ContractColumns.of(file.table()));
            files.writeString(warehouse.partition(Layer.QUALITY, "profiles", runDate) + "/" + file.table() + ".json",
                profile.json());
            columnProfiles.addAll(profile.columns());
            lap(timings, file.table() + ".profile", t);
          }
        }
        LOG.info("quality: {} checked in {} ms ({} rules)", file.table(), (System.nanoTime() - start) / 1_000_000,
            file.rules().size());
        return new Evaluation(results, anomalies, outcome.metrics(), quarantine, reconciliation, trends,
            columnProfiles, notes, timings);
      }
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  private static QualityOutcome finish(SparkSession spark, HadoopFiles files, Warehouse warehouse, LocalDate runDate,
      Evaluation e) {
    List<FindingCount> findings = findings(spark, files, warehouse, runDate);
    boolean passed = e.results().stream().noneMatch(RuleResult::blocks)
        && e.anomalies().stream().noneMatch(AnomalyResult::blocks);
    String reportFolder = warehouse.partition(Layer.QUALITY, "report", runDate);
    QualityOutcome outcome = new QualityOutcome(runDate, passed, e.results(), e.anomalies(), e.metrics(),
        e.quarantine(), e.reconciliation(), e.trends(), e.profiles(), findings, e.notes(), e.timingsMs(),
        reportFolder + "/report.html", reportFolder + "/report.json");
    long r = System.nanoTime();
    QualityReport.write(spark, files, warehouse, outcome);
    LOG.info("quality: report written in {} ms", (System.nanoTime() - r) / 1_000_000);
    return outcome;
  }

  /** The HTML report of a run date, when the gate has run for it. */
  public static Optional<String> reportPath(SparkSession spark, Warehouse warehouse, LocalDate runDate) {
    String html = warehouse.partition(Layer.QUALITY, "report", runDate) + "/report.html";
    return HadoopFiles.of(spark).exists(html) ? Optional.of(html) : Optional.empty();
  }

  private static long lap(Map<String, Long> timings, String step, long since) {
    long now = System.nanoTime();
    timings.merge(step, (now - since) / 1_000_000, Long::sum);
    return now;
  }

  static String repositoryPath(Warehouse warehouse) {
    return warehouse.resolve(Layer.QUALITY.folder() + "/metrics_repository/metrics.json");
  }

  static long millis(LocalDate runDate) {
    return runDate.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static Optional<Dataset<Row>> outputCandidate(SparkSession spark, HadoopFiles files, Warehouse warehouse,
      LocalDate runDate, RuleFile file, Map<String, CandidateTable> candidates) {
    if (candidates.containsKey(file.table())) {
      return Optional.of(spark.read().parquet(candidates.get(file.table()).location()));
    }
    if (file.candidateLocation() != null) {
      String loc = warehouse.resolve(file.candidateLocation()) + "/run_date=" + runDate;
      if (files.exists(loc)) {
        return Optional.of(spark.read().parquet(loc));
      }
    }
    return Optional.empty();
  }

  /**
   * Writes (replacing) tonight's rule quarantine of a table; its counts, by reason and in all, come from
   * the check's own pass over the rows (the same conditions select the rows written).
   */
  private static long writeRuleQuarantine(HadoopFiles files, Warehouse warehouse, LocalDate runDate,
      TableCheck.Outcome outcome, List<QuarantineCount> counts) {
    String table = outcome.table();
    String target = warehouse.partition(Layer.QUARANTINE, table + StagedRows.RULES_SUFFIX, runDate);
    if (outcome.quarantine().isEmpty()) {
      files.delete(target); // a re-run with fewer quarantining rules leaves nothing stale
      return 0;
    }
    outcome.quarantine().get().write().mode(SaveMode.Overwrite).parquet(target);
    outcome.quarantinedByReason().forEach((reason, n) -> counts.add(new QuarantineCount(table, "rules", reason, n)));
    return outcome.quarantineRows();
  }

  /** Counts ingestion's quarantine of a table by reason; returns its row count. */
  private static long ingestQuarantine(SparkSession spark, HadoopFiles files, Warehouse warehouse,
      LocalDate runDate, String table, List<QuarantineCount> counts) {
    String q = warehouse.partition(Layer.QUARANTINE, table, runDate);
    if (!files.exists(q)) {
      return 0;
    }
    Dataset<Row> rows = spark.read().parquet(q);
    if (TableCheck.has(rows, "reasons")) {
      for (Row r : rows.selectExpr("explode(reasons) AS reason").groupBy("reason").count().orderBy("reason")
          .collectAsList()) {
        counts.add(new QuarantineCount(table, "ingest", r.getString(0), r.getLong(1)));
      }
    }
    return files.parquetRows(q); // from the files' footers, as ingestion counted them
  }

  private static List<FindingCount> findings(SparkSession spark, HadoopFiles files, Warehouse warehouse,
      LocalDate runDate) {
    String f = warehouse.partition(Layer.LINKED, "findings", runDate);
    List<FindingCount> out = new ArrayList<>();
    if (!files.exists(f)) {
      return out;
    }
    Dataset<Row> rows = spark.read().parquet(f);
    if (!TableCheck.has(rows, "rule_code") || !TableCheck.has(rows, "severity")) {
      return out;
    }
    for (Row r : rows.groupBy(col("rule_code").cast("string"), col("severity").cast("string")).count()
        .orderBy(col("count").desc()).collectAsList()) {
      out.add(new FindingCount(r.getString(0), r.getString(1), r.getLong(2)));
    }
    return out;
  }

  private static List<TrendSeries> anomalyTrends(List<AnomalyResult> anomalies, LocalDate runDate) {
    List<TrendSeries> out = new ArrayList<>();
    for (AnomalyResult a : anomalies) {
      if (a.metric().equals("row_count") || a.value() == null) {
        continue; // row counts are charted per table already
      }
      List<MetricPoint> points = new ArrayList<>(a.history());
      points.add(new MetricPoint(runDate, a.value()));
      out.add(new TrendSeries(a.table(), a.metric() + " of " + a.instance()
          + (a.group() == null ? "" : " [" + a.group() + "]"), points));
    }
    return out;
  }
}
