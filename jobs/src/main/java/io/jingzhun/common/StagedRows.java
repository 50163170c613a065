package io.jingzhun.common;

import static org.apache.spark.sql.functions.col;

import io.jingzhun.common.Warehouse.Layer;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What later stages read of a staged table: its rows without those the quality gate's row-level rules
 * set aside ({@code quarantine/<table>_rules/run_date=D}, matched on record_key). A quarantined row is
 * accounted for there, with its rule, and must not also count in links, indices or findings.
 */
public final class StagedRows {
  /** Suffix of a table's rule quarantine under {@code quarantine/}. */
  public static final String RULES_SUFFIX = "_rules";

  private StagedRows() {}

  /** The staged rows of a table for the run date without the rule-quarantined ones; empty when nothing was staged. */
  public static Optional<Dataset<Row>> read(SparkSession spark, Warehouse warehouse, String table, LocalDate runDate) {
    HadoopFiles files = HadoopFiles.of(spark);
    String staged = warehouse.partition(Layer.STAGED, table, runDate);
    if (!files.exists(staged)) {
      return Optional.empty();
    }
    Dataset<Row> rows = spark.read().parquet(staged);
    String quarantine = warehouse.partition(Layer.QUARANTINE, table + RULES_SUFFIX, runDate);
    if (!files.exists(quarantine)) {
      return Optional.of(rows);
    }
    Dataset<Row> keys = spark.read().parquet(quarantine).select(col("record_key").as("_quarantined_key"))
        .where(col("_quarantined_key").isNotNull());
    return Optional.of(rows.join(keys, rows.col("record_key").equalTo(keys.col("_quarantined_key")), "left_anti"));
  }
}
