package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
    return run(edges, maxIterations, DRIVER_EDGE_LIMIT);
  }

  /**
   * Graphs of accepted links up to this many edges are solved with union–find on the driver (about
   * 40 bytes per edge): a county or a province has far fewer links than that, and a few label
   * propagation rounds of Spark jobs would cost more than the whole graph. Larger graphs stay in Spark.
   */
  static final long DRIVER_EDGE_LIMIT = 5_000_000L;

  /** As {@link #run(Dataset, int)}, solving on the driver when the graph has at most {@code driverEdgeLimit} edges. */
  static Dataset<Row> run(Dataset<Row> edges, int maxIterations, long driverEdgeLimit) {
    Dataset<Row> pairs = edges.select(col("src").cast("long"), col("dst").cast("long"))
        .where(col("src").notEqual(col("dst")));
    if (driverEdgeLimit > 0) {
      Dataset<Row> limited = pairs.limit((int) Math.min(Integer.MAX_VALUE - 1, driverEdgeLimit + 1));
      List<Row> rows = limited.collectAsList();
      if (rows.size() <= driverEdgeLimit) {
        return onDriver(edges.sparkSession(), rows);
      }
    }
    return inSpark(edges, maxIterations);
  }

  /** Union–find with path halving and union by size; every vertex labelled with its component's smallest id. */
  private static Dataset<Row> onDriver(SparkSession spark, List<Row> rows) {
    Map<Long, Integer> index = new HashMap<>();
    long[] ids = new long[Math.max(16, rows.size() * 2)];
    int[] parent = new int[ids.length];
    int[] size = new int[ids.length];
    int n = 0;
    for (Row r : rows) {
      int[] ends = new int[2];
      for (int side = 0; side < 2; side++) {
        long v = r.getLong(side);
        Integer at = index.get(v);
        if (at == null) {
          at = n++;
          index.put(v, at);
          ids[at] = v;
          parent[at] = at;
          size[at] = 1;
        }
        ends[side] = at;
      }
      int a = find(parent, ends[0]);
      int b = find(parent, ends[1]);
      if (a != b) {
        if (size[a] < size[b]) {
          int t = a;
          a = b;
          b = t;
        }
        parent[b] = a;
        size[a] += size[b];
      }
    }
    long[] smallest = new long[n];
    java.util.Arrays.fill(smallest, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      smallest[root] = Math.min(smallest[root], ids[i]);
    }
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(RowFactory.create(ids[i], smallest[find(parent, i)]));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("component", DataTypes.LongType, false);
    return spark.createDataFrame(out, schema);
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private static Dataset<Row> inSpark(Dataset<Row> edges, int maxIterations) {
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
