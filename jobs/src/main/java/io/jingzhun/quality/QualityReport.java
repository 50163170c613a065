package io.jingzhun.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a run's quality outcome three ways with the same content: the auditors' HTML page, a JSON
 * document, and Parquet tables under {@code quality/} for SQL.
 */
final class QualityReport {
  private QualityReport() {}

  static void write(SparkSession spark, HadoopFiles files, Warehouse warehouse, QualityOutcome outcome) {
    files.writeString(outcome.reportJson(), Masking.scrub(json(outcome)));
    files.writeString(outcome.reportHtml(), Masking.scrub(HtmlReport.render(outcome)));
    writeTables(spark, warehouse, outcome);
  }

  static String json(QualityOutcome outcome) {
    try {
      return StagedChecks.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the quality report as JSON", e);
    }
  }

  private static void writeTables(SparkSession spark, Warehouse warehouse, QualityOutcome o) {
    LocalDate d = o.runDate();
    StructType results = new StructType()
        .add("table", DataTypes.StringType).add("rule", DataTypes.StringType).add("kind", DataTypes.StringType)
        .add("level", DataTypes.StringType).add("status", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("expectation", DataTypes.StringType).add("rows_checked", DataTypes.LongType)
        .add("failing_rows", DataTypes.LongType).add("quarantined_rows", DataTypes.LongType)
        .add("message", DataTypes.StringType).add("blocks_publishing", DataTypes.BooleanType);
    List<Row> rr = new ArrayList<>();
    for (RuleResult r : o.results()) {
      rr.add(RowFactory.create(r.table(), r.rule(), r.kind(), r.level().code(), r.status(), r.value(),
          r.expectation(), r.rowsChecked(), r.failingRows(), r.quarantinedRows(), r.message(), r.blocks()));
    }
    write(spark, warehouse, "check_results", d, rr, results);

    StructType metrics = new StructType()
        .add("table", DataTypes.StringType).add("county", DataTypes.StringType).add("entity", DataTypes.StringType)
        .add("name", DataTypes.StringType).add("instance", DataTypes.StringType).add("group", DataTypes.StringType)
        .add("value", DataTypes.DoubleType);
    List<Row> mr = new ArrayList<>();
    for (MetricValue m : o.metrics()) {
      mr.add(RowFactory.create(m.table(), m.county(), m.entity(), m.name(), m.instance(), m.group(), m.value()));
    }
    write(spark, warehouse, "metrics", d, mr, metrics);

    StructType point = new StructType().add("date", DataTypes.DateType).add("value", DataTypes.DoubleType);
    StructType anomalies = new StructType()
        .add("table", DataTypes.StringType).add("name", DataTypes.StringType).add("metric", DataTypes.StringType)
        .add("instance", DataTypes.StringType).add("group", DataTypes.StringType).add("level", DataTypes.StringType)
        .add("strategy", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("history", DataTypes.createArrayType(point)).add("anomalous", DataTypes.BooleanType)
        .add("detail", DataTypes.StringType);
    List<Row> ar = new ArrayList<>();
    for (AnomalyResult a : o.anomalies()) {
      List<Row> h = a.history().stream()
          .map(p -> RowFactory.create(java.sql.Date.valueOf(p.date()), p.value())).toList();
      ar.add(RowFactory.create(a.table(), a.name(), a.metric(), a.instance(), a.group(), a.level().code(),
          a.strategy(), a.value(), h, a.anomalous(), a.detail()));
    }
    write(spark, warehouse, "anomalies", d, ar, anomalies);

    StructType q = new StructType().add("table", DataTypes.StringType).add("stage", DataTypes.StringType)
        .add("reason", DataTypes.StringType).add("rows", DataTypes.LongType);
    List<Row> qr = new ArrayList<>();
    o.quarantine().forEach(c -> qr.add(RowFactory.create(c.table(), c.stage(), c.reason(), c.rows())));
    write(spark, warehouse, "quarantine_counts", d, qr, q);

    StructType rec = new StructType().add("table", DataTypes.StringType).add("rows_read", DataTypes.LongType)
        .add("staged", DataTypes.LongType).add("quarantined_at_ingest", DataTypes.LongType)
        .add("quarantined_by_rules", DataTypes.LongType).add("staged_clean", DataTypes.LongType);
    List<Row> rc = new ArrayList<>();
    o.reconciliation().forEach(r -> rc.add(RowFactory.create(r.table(), r.rowsRead(), r.staged(),
        r.quarantinedAtIngest(), r.quarantinedByRules(), r.stagedClean())));
    write(spark, warehouse, "reconciliation", d, rc, rec);
  }

  private static void write(SparkSession spark, Warehouse warehouse, String table, LocalDate d, List<Row> rows,
      StructType schema) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(warehouse.partition(Layer.QUALITY, table, d));
  }
}
