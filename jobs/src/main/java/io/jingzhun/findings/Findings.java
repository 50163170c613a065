package io.jingzhun.findings;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.linkage.Linkage;
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
import org.apache.spark.sql.types.StructType;

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

  private Findings() {}

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
    Dataset<Row> crosswalk = spark.read().parquet(
        warehouse.partition(Warehouse.Layer.LINKED, Linkage.CROSSWALK, runDate));
    Dataset<Row> findings = evaluate(spark, StagedTables.fromWarehouse(spark, warehouse, runDate), crosswalk,
        runDate, FindingRules.load(), Programmes.load());
    String path = warehouse.partition(Warehouse.Layer.LINKED, TABLE, runDate);
    findings.write().mode(SaveMode.Overwrite).parquet(path);
    Dataset<Row> written = spark.read().parquet(path);
    Map<String, Long> counts = new TreeMap<>();
    FindingRules.load().rules().forEach(r -> counts.put(r.code(), 0L));
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
    Dataset<Row> persons = crosswalk.selectExpr("record_key AS xw_record_key", "person_id");
    for (String table : TABLES) {
      var t = staged.table(table);
      if (t.isEmpty()) {
        spark.catalog().dropTempView(table);
        continue;
      }
      Dataset<Row> view = table.equals("households") ? t.get()
          : t.get().join(persons, t.get().col("record_key").equalTo(persons.col("xw_record_key")), "left")
              .drop("xw_record_key");
      view.createOrReplaceTempView(table);
    }
    programmes.toDataset(spark).createOrReplaceTempView("programmes");
    for (FindingRules.View v : rules.views()) {
      try {
        spark.sql(rules.bind(v.sql(), runDate, programmes.parameters())).createOrReplaceTempView(v.name());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(rules.source() + ": view " + v.name() + ": " + e.getMessage(), e);
      }
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
