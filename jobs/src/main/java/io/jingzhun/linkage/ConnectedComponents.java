package io.jingzhun.linkage;

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
      Dataset<Row> viaEdges = e.join(labels, e.col("src").equalTo(labels.col("id")))
          .select(e.col("dst").as("id"), labels.col("component"));
      Dataset<Row> propagated = labels.union(viaEdges).groupBy("id").agg(min("component").as("component"));
      Dataset<Row> jumped = propagated.as("a")
          .join(propagated.as("b"), col("a.component").equalTo(col("b.id")), "left")
          .select(col("a.id").as("id"),
              least(col("a.component"), org.apache.spark.sql.functions.coalesce(col("b.component"), col("a.component")))
                  .as("component"))
          .localCheckpoint();
      long changed = jumped.as("n").join(labels.as("o"), col("n.id").equalTo(col("o.id")))
          .where(col("n.component").notEqual(col("o.component")))
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
