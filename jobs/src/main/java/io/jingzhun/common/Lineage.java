package io.jingzhun.common;

import java.util.Objects;
import org.apache.spark.sql.Dataset;

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
}
