package io.jingzhun.linkage;

import io.jingzhun.common.HadoopFiles;
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

  /** {@code staged/<table>/run_date=D} of a warehouse. */
  static StagedTables fromWarehouse(SparkSession spark, Warehouse warehouse, LocalDate runDate) {
    HadoopFiles files = HadoopFiles.of(spark);
    return name -> {
      String path = warehouse.partition(Warehouse.Layer.STAGED, name, runDate);
      if (!files.exists(path)) {
        return Optional.empty();
      }
      return Optional.of(spark.read().parquet(path));
    };
  }

  /** Tables held in memory (tests, notebooks). */
  static StagedTables of(Map<String, Dataset<Row>> tables) {
    Map<String, Dataset<Row>> copy = Map.copyOf(tables);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
