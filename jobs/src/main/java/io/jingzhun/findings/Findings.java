package io.jingzhun.findings;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Lineage;
import io.jingzhun.common.Preconditions;
import io.jingzhun.common.Warehouse;
import io.jingzhun.linkage.Linkage;
import io.jingzhun.linkage.PersonRecords;
import io.jingzhun.linkage.StagedTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Window;
import org.apache.spark.sql.types.StructType;
import scala.runtime.AbstractFunction1;

/**
 * Cross-department findings for auditors: runs every rule of {@code conf/findings.yaml} over the
 * staged tables of a run date joined to the person crosswalk, and writes
 * {@code linked/findings/run_date=D} (rule_code, severity, meaning, household_id, person_id,
 * evidence, source_records).
 */
public final class Findings {
  public static final String TABLE = "findings";
  static final List<String> TABLES =
      List.of("households", "members", "civil_affairs", "education", "finance_payments", "finance_payroll");
  static final StructType EMPTY_STAGED = new StructType();
  // The views evaluate registers besides the staged tables and the rules' own views.
  private static final String UNCERTAIN_LINKS = "uncertain_links";
  private static final String RECORD_PERSONS = "record_persons";
  private static final String PERSON_RECORDS = "person_records";
  private static final String PROGRAMMES = "programmes";

  private Findings() {}

  static boolean joinsOrAggregates(Dataset<Row> view) {
    LogicalPlan plan = view.queryExecution().optimizedPlan();
    return plan.find(new AbstractFunction1<LogicalPlan, Object>() {
      @Override
      public Object apply(LogicalPlan node) {
        return node instanceof Join || node instanceof Aggregate || node instanceof Window;
      }
    }).isDefined();
  }

  /** Counts per rule code (every rule present, zero included). */
  public record Summary(String runDate, Map<String, Long> perRule) {
    public Summary {
      perRule = new TreeMap<>(perRule);
    }

    public long total() {
      return perRule.values().stream().mapToLong(Long::longValue).sum();
    }

    public String describe() {
      StringBuilder sb = new StringBuilder(String.format("findings %s: %,d%n", runDate, total()));
      perRule.forEach((k, v) -> sb.append(String.format("  %-28s %,d%n", k, v)));
      return sb.toString();
    }
  }

  /** Reads staged tables and the crosswalk of {@code runDate}, writes the findings table. */
  public static Summary run(SparkSession spark, Warehouse warehouse, LocalDate runDate) {
    return run(spark, warehouse, runDate, null);
  }

  /**
   * As above, with the person records linkage has just made ({@link Linkage.Result#personRecords()};
   * null: build them from the staged tables and the crosswalk).
   */
  public static Summary run(SparkSession spark, Warehouse warehouse, LocalDate runDate, Dataset<Row> personRecords) {
    Dataset<Row> crosswalk = spark.read().parquet(
        warehouse.partition(Warehouse.Layer.LINKED, Linkage.CROSSWALK, runDate));
    String review = warehouse.partition(Warehouse.Layer.LINKED, Linkage.REVIEW_QUEUE, runDate);
    Dataset<Row> reviewQueue = HadoopFiles.of(spark).exists(review) ? spark.read().parquet(review) : null;
    String path = warehouse.partition(Warehouse.Layer.LINKED, TABLE, runDate);
    // The tables and views the rules read are released once the findings are written.
    FindingRules rules = FindingRules.load();
    try (Lineage.Scope cuts = new Lineage.Scope()) {
      evaluate(spark, StagedTables.fromWarehouse(spark, warehouse, runDate), crosswalk, reviewQueue, personRecords,
          runDate, rules, Programmes.load(), cuts).write().mode(SaveMode.Overwrite).parquet(path);
    } finally {
      // The session's views of the rules' tables would point at released rows.
      List<String> views = new ArrayList<>(TABLES);
      views.addAll(List.of(UNCERTAIN_LINKS, RECORD_PERSONS, PERSON_RECORDS, PROGRAMMES));
      rules.views().forEach(v -> views.add(v.name()));
      views.forEach(spark.catalog()::dropTempView);
    }
    Dataset<Row> written = spark.read().parquet(path);
    Map<String, Long> counts = new TreeMap<>();
    rules.rules().forEach(r -> counts.put(r.code(), 0L));
    for (Row r : written.groupBy("rule_code").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    Summary summary = new Summary(runDate.toString(), counts);
    try {
      HadoopFiles.of(spark).writeString(warehouse.runRecords("findings", runDate) + "/summary.json",
          new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
              .writeValueAsString(Map.of("run_date", runDate.toString(), "findings_per_rule", counts)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the findings run record", e);
    }
    return summary;
  }

  /**
   * The findings of every rule, unioned. Staged tables that are missing become empty views only if
   * no rule needs them; a rule over a missing table fails with the rule's code in the message.
   */
  public static Dataset<Row> evaluate(SparkSession spark, StagedTables staged, Dataset<Row> crosswalk,
      LocalDate runDate, FindingRules rules, Programmes programmes) {
    return evaluate(spark, staged, crosswalk, null, runDate, rules, programmes);
  }

  /**
   * As above, with linkage's review queue (null: none): its uncertain pairs become the view
   * {@code uncertain_links} (record_key, other_record_key, other_tables), so that a rule can hold back a finding that
   * rests on a link an auditor has yet to decide.
   */
  public static Dataset<Row> evaluate(SparkSession spark, StagedTables staged, Dataset<Row> crosswalk,
      Dataset<Row> reviewQueue, LocalDate runDate, FindingRules rules, Programmes programmes) {
    return evaluate(spark, staged, crosswalk, reviewQueue, null, runDate, rules, programmes);
  }

  /**
   * As above, with the view {@code person_records} given (linkage's records with person_id and
   * link_pass; null: built here from the staged tables and the crosswalk).
   */
  public static Dataset<Row> evaluate(SparkSession spark, StagedTables staged, Dataset<Row> crosswalk,
      Dataset<Row> reviewQueue, Dataset<Row> personRecords, LocalDate runDate, FindingRules rules,
      Programmes programmes) {
    // Not released: the findings returned stay readable, and Spark frees the cuts when they are collected.
    return evaluate(spark, staged, crosswalk, reviewQueue, personRecords, runDate, rules, programmes,
        new Lineage.Scope());
  }

  /** As above; the tables and views the rules read are cut in {@code cuts}, the caller's to release. */
  static Dataset<Row> evaluate(SparkSession spark, StagedTables staged, Dataset<Row> crosswalk,
      Dataset<Row> reviewQueue, Dataset<Row> personRecords, LocalDate runDate, FindingRules rules,
      Programmes programmes, Lineage.Scope cuts) {
    if (personRecords != null) {
      List<String> expected = PersonRecords.WITH_PERSON_COLUMNS;
      Preconditions.checkArgument(List.of(personRecords.columns()).equals(expected),
          "expected person records with columns %s, got %s", expected, List.of(personRecords.columns()));
    }
    if (reviewQueue == null) {
      spark.sql("SELECT CAST(NULL AS STRING) AS record_key, CAST(NULL AS STRING) AS other_record_key,"
          + " CAST(NULL AS ARRAY<STRING>) AS other_tables LIMIT 0").createOrReplaceTempView(UNCERTAIN_LINKS);
    } else {
      // Every record of a profile is one person's, so one record key stands for the other side.
      Dataset<Row> uncertain = reviewQueue.where("reason = 'uncertain'");
      uncertain.selectExpr("explode(record_keys_l) AS record_key", "record_keys_r[0] AS other_record_key",
              "tables_r AS other_tables")
          .unionByName(uncertain.selectExpr("explode(record_keys_r) AS record_key",
              "record_keys_l[0] AS other_record_key", "tables_l AS other_tables"))
          .createOrReplaceTempView(UNCERTAIN_LINKS);
    }
    // The rules read the same few joins many times over (members with their persons in eight of them):
    // each is computed once and kept (a cut: column batches, memory then disk) instead of once per rule.
    Dataset<Row> recordPersons = crosswalk.selectExpr("record_key", "person_id", "pass AS link_pass");
    recordPersons.createOrReplaceTempView(RECORD_PERSONS);
    Dataset<Row> linked = recordPersons.selectExpr("record_key AS xw_record_key", "person_id", "link_pass");
    if (personRecords == null) {
      Dataset<Row> records = PersonRecords.build(staged);
      personRecords = cuts.cut(records.join(linked, records.col("record_key").equalTo(linked.col("xw_record_key")),
          "left").drop("xw_record_key"));
    }
    personRecords.createOrReplaceTempView(PERSON_RECORDS);
    for (String table : TABLES) {
      var t = staged.table(table);
      if (t.isEmpty()) {
        spark.catalog().dropTempView(table);
        continue;
      }
      if (table.equals("households")) {
        t.get().createOrReplaceTempView(table);
        continue;
      }
      // With how the record was tied to its person: rules that ask it need not join the whole crosswalk.
      Dataset<Row> persons = crosswalk.where(crosswalk.col("table").equalTo(table))
          .selectExpr("record_key AS xw_record_key", "person_id", "pass AS link_pass");
      cuts.cut(t.get().join(persons, t.get().col("record_key").equalTo(persons.col("xw_record_key")), "left")
          .drop("xw_record_key")).createOrReplaceTempView(table);
    }
    programmes.toDataset(spark).createOrReplaceTempView(PROGRAMMES);
    for (FindingRules.View v : rules.views()) {
      Dataset<Row> view;
      try {
        view = spark.sql(rules.bind(v.sql(), runDate, programmes.parameters()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(rules.source() + ": view " + v.name() + ": " + e.getMessage(), e);
      }
      // A view that joins or aggregates is kept like the tables; one that only filters or adds a column
      // is cheaper to recompute than to copy.
      (joinsOrAggregates(view) ? cuts.cut(view) : view).createOrReplaceTempView(v.name());
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    for (FindingRules.Rule r : rules.rules()) {
      Dataset<Row> q;
      try {
        q = spark.sql(rules.bind(r.sql(), runDate, programmes.parameters()));
        // ID numbers that slipped into evidence text are masked (15 to 18 digit runs).
        q = q.selectExpr(
            "'" + r.code() + "' AS rule_code",
            "'" + r.severity() + "' AS severity",
            "CAST(household_id AS STRING) AS household_id",
            "CAST(person_id AS STRING) AS person_id",
            "regexp_replace(CAST(evidence AS STRING), '[0-9]{14,17}[0-9Xx]', '******************') AS evidence",
            "CAST(source_records AS ARRAY<STRING>) AS source_records");
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(rules.source() + ": rule " + r.code()
            + " (expected columns household_id, person_id, evidence, source_records): " + e.getMessage(), e);
      }
      parts.add(q);
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all;
  }
}
