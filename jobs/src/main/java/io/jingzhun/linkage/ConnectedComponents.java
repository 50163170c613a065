package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph in Spark: every vertex takes the smallest vertex id
 * it can reach. Each round propagates labels along edges, then jumps pointers (a vertex takes its
 * label's label), so long chains converge in a logarithmic number of rounds. Lineage is cut each
 * round; the driver only holds counts.
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  /**
   * @param edges columns {@code src}, {@code dst} (long); direction is ignored
   * @param maxIterations rounds after which the graph is declared not converged (an error)
   * @return columns {@code id}, {@code component} for every vertex that appears in an edge
   */
  public static Dataset<Row> run(Dataset<Row> edges, int maxIterations) {
    Dataset<Row> e = edges.select(col("src"), col("dst"))
        .union(edges.select(col("dst").as("src"), col("src").as("dst")))
        .where(col("src").notEqual(col("dst")))
        .distinct()
        .localCheckpoint();
    Dataset<Row> labels = e.groupBy(col("src").as("id"))
        .agg(least(min(col("dst")), min(col("src"))).as("component"))
        .localCheckpoint();
    for (int round = 1; round <= maxIterations; round++) {
      // Fresh column names on each side: self-joins of checkpointed data must not share attributes.
      Dataset<Row> l = labels.toDF("l_id", "l_component");
      Dataset<Row> messages = e.join(l, e.col("src").equalTo(l.col("l_id")))
          .groupBy(e.col("dst").as("m_id"))
          .agg(min(l.col("l_component")).as("m_component"));
      Dataset<Row> propagated = labels.join(messages, labels.col("id").equalTo(messages.col("m_id")), "left")
          .select(labels.col("id").as("p_id"),
              least(labels.col("component"), coalesce(messages.col("m_component"), labels.col("component")))
                  .as("p_component"));
      Dataset<Row> pointer = propagated.toDF("q_id", "q_component");
      Dataset<Row> jumped = propagated.join(pointer, propagated.col("p_component").equalTo(pointer.col("q_id")), "left")
          .select(propagated.col("p_id").as("id"),
              least(propagated.col("p_component"), coalesce(pointer.col("q_component"), propagated.col("p_component")))
                  .as("component"))
          .localCheckpoint();
      Dataset<Row> old = labels.toDF("o_id", "o_component");
      long changed = jumped.join(old, jumped.col("id").equalTo(old.col("o_id")))
          .where(jumped.col("component").notEqual(old.col("o_component")))
          .count();
      labels = jumped;
      if (changed == 0) {
        return labels;
      }
    }
    throw new IllegalStateException("connected components did not converge within " + maxIterations
        + " rounds (clusters.max_iterations in the linkage model): raise it or tighten the links");
  }
}
