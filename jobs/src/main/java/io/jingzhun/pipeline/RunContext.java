package io.jingzhun.pipeline;

import static io.jingzhun.common.Preconditions.checkNotNull;

import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** What every stage of one run shares: the session, where data lives, and the run date. */
public record RunContext(SparkSession spark, String landing, Warehouse warehouse, LocalDate runDate) {
  public RunContext {
    checkNotNull(spark, "expected a SparkSession");
    checkNotNull(landing, "expected a landing location");
    checkNotNull(warehouse, "expected a warehouse");
    checkNotNull(runDate, "expected a run date");
  }
}
