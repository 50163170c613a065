package io.jingzhun.linkage;

import io.jingzhun.common.StagedRows;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The staged tables of one run date, as linkage and findings read them (the ingestion boundary). */
public interface StagedTables {
  /** The staged rows of a table, or empty when the department sent nothing for that date. */
  Optional<Dataset<Row>> table(String name);

  /** {@code staged/<table>/run_date=D} of a warehouse, without the rows the quality rules set aside. */
  static StagedTables fromWarehouse(SparkSession spark, Warehouse warehouse, LocalDate runDate) {
    return name -> StagedRows.read(spark, warehouse, name, runDate);
  }

  /** Tables held in memory (tests, notebooks). */
  static StagedTables of(Map<String, Dataset<Row>> tables) {
    Map<String, Dataset<Row>> copy = Map.copyOf(tables);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
