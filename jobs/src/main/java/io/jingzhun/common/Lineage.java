package io.jingzhun.common;

import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts a dataset's lineage: computes it once and returns a dataset whose plan starts from the computed
 * rows. Use it where a stage builds on its own intermediate results several times.
 *
 * <p>Why not {@code persist}: a persisted dataset keeps its whole plan, and Spark renders that plan as
 * text for every query that reads it (the SQL listener's plan description, again at each adaptive
 * re-plan). Linkage's comparison expressions made those strings the biggest cost of a county-sized run.
 * The rows live in the executors' block managers (memory, spilling to disk), like a persisted dataset;
 * losing an executor fails the stage, and the scheduler retries the whole stage.
 */
public final class Lineage {
  private Lineage() {}

  public static <T> Dataset<T> cut(Dataset<T> dataset) {
    Objects.requireNonNull(dataset, "dataset to cut must not be null");
    return dataset.localCheckpoint(true);
  }

  /**
   * As {@link #cut}, the rows spread by {@code keys} over as many partitions as a shuffle makes, in a
   * way later queries know: their joins and groupings on those keys read the rows where they are
   * instead of shuffling them again.
   *
   * <p>A dataset cut under adaptive execution does not tell later queries how its rows are spread
   * (Spark only knows the final plan's spread after running it), so this one query runs without it.
   * Use it for large rows that several later joins on the same keys read. The setting is the
   * session's, changed for the length of that one query: do not use it where other threads of the
   * same session run queries meanwhile (as ingest and the quality gate do, table beside table).
   */
  public static <T> Dataset<T> cutSpreadBy(Dataset<T> dataset, String... keys) {
    Objects.requireNonNull(dataset, "dataset to cut must not be null");
    Preconditions.checkArgument(keys.length > 0, "expected at least one key to spread the rows by");
    SparkSession spark = dataset.sparkSession();
    int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    Column[] cols = Arrays.stream(keys).map(dataset::col).toArray(Column[]::new);
    String adaptive = "spark.sql.adaptive.enabled";
    String before = spark.conf().get(adaptive);
    spark.conf().set(adaptive, "false");
    try {
      return dataset.repartition(partitions, cols).localCheckpoint(true);
    } finally {
      spark.conf().set(adaptive, before);
    }
  }
}
