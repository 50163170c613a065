package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
    return run(edges, maxIterations, driverEdgeLimit());
  }

  /**
   * Graphs of accepted links up to this many edges are solved with union–find on the driver: a few
   * label-propagation rounds of Spark jobs over millions of edges cost far more than the whole graph in
   * one JVM (at 1M households, 5.4 M links). Edges are streamed, not held; each vertex costs about 40
   * bytes in primitive arrays plus its output row, so the limit is one edge per KB of driver heap
   * (12 M edges with a 12 GB heap). Larger graphs, such as a national registry, stay in Spark.
   */
  static long driverEdgeLimit() {
    return Runtime.getRuntime().maxMemory() / 1024;
  }

  /** As {@link #run(Dataset, int)}, solving on the driver when the graph has at most {@code driverEdgeLimit} edges. */
  static Dataset<Row> run(Dataset<Row> edges, int maxIterations, long driverEdgeLimit) {
    Dataset<Row> pairs = edges.select(col("src").cast("long"), col("dst").cast("long"))
        .where(col("src").notEqual(col("dst")));
    if (driverEdgeLimit > 0) {
      Optional<Dataset<Row>> solved = onDriver(edges.sparkSession(), pairs.toLocalIterator(), driverEdgeLimit);
      if (solved.isPresent()) {
        return solved.get();
      }
    }
    return inSpark(edges, maxIterations);
  }

  /**
   * Union–find with path halving and union by size; every vertex labelled with its component's smallest
   * id. Empty when the edges turn out to number more than {@code limit} (streaming stops there).
   */
  private static Optional<Dataset<Row>> onDriver(SparkSession spark, Iterator<Row> rows, long limit) {
    VertexIndex index = new VertexIndex();
    int[] parent = new int[1024];
    int[] size = new int[1024];
    long edgeCount = 0;
    int initialised = 0;
    while (rows.hasNext()) {
      if (++edgeCount > limit) {
        return Optional.empty();
      }
      Row r = rows.next();
      int a = index.of(r.getLong(0));
      int b = index.of(r.getLong(1));
      if (index.count() > parent.length) {
        int grown = Math.max(parent.length * 2, index.count());
        parent = Arrays.copyOf(parent, grown);
        size = Arrays.copyOf(size, grown);
      }
      for (; initialised < index.count(); initialised++) {
        parent[initialised] = initialised;
        size[initialised] = 1;
      }
      a = find(parent, a);
      b = find(parent, b);
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
    int n = index.count();
    long[] ids = index.ids();
    long[] smallest = new long[n];
    Arrays.fill(smallest, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      smallest[root] = Math.min(smallest[root], ids[i]);
    }
    // Shipped to the executors in slices of primitive pairs, not as one local table of rows.
    int slices = Math.max(1, Math.min(spark.sparkContext().defaultParallelism() * 4, n / 10_000 + 1));
    List<long[]> chunks = new ArrayList<>(slices);
    int per = (n + slices - 1) / slices;
    for (int from = 0; from < n; from += per) {
      int to = Math.min(n, from + per);
      long[] chunk = new long[2 * (to - from)];
      for (int i = from; i < to; i++) {
        chunk[2 * (i - from)] = ids[i];
        chunk[2 * (i - from) + 1] = smallest[find(parent, i)];
      }
      chunks.add(chunk);
    }
    JavaRDD<Row> labelled = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(chunks, Math.max(1, chunks.size()))
        .flatMap(c -> {
          List<Row> out = new ArrayList<>(c.length / 2);
          for (int i = 0; i < c.length; i += 2) {
            out.add(RowFactory.create(c[i], c[i + 1]));
          }
          return out.iterator();
        });
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("component", DataTypes.LongType, false);
    return Optional.of(spark.createDataFrame(labelled, schema));
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Vertex id → dense index, open addressing over primitive arrays (no boxed Long per vertex). */
  private static final class VertexIndex {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys = filled(1 << 11);
    private int[] slots = new int[1 << 11];
    private long[] ids = new long[1024];
    private int count;
    private boolean hasEmptyKey;
    private int emptyKeyIndex;

    int of(long id) {
      if (id == EMPTY) {
        if (!hasEmptyKey) {
          hasEmptyKey = true;
          emptyKeyIndex = add(id);
        }
        return emptyKeyIndex;
      }
      int mask = keys.length - 1;
      int at = (int) (mix(id) & mask);
      while (keys[at] != EMPTY) {
        if (keys[at] == id) {
          return slots[at];
        }
        at = (at + 1) & mask;
      }
      int index = add(id);
      keys[at] = id;
      slots[at] = index;
      if (count * 2 > keys.length) {
        rehash();
      }
      return index;
    }

    int count() {
      return count;
    }

    long[] ids() {
      return ids;
    }

    private int add(long id) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, ids.length * 2);
      }
      ids[count] = id;
      return count++;
    }

    private void rehash() {
      long[] oldKeys = keys;
      int[] oldSlots = slots;
      keys = filled(oldKeys.length * 2);
      slots = new int[keys.length];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != EMPTY) {
          int at = (int) (mix(oldKeys[i]) & mask);
          while (keys[at] != EMPTY) {
            at = (at + 1) & mask;
          }
          keys[at] = oldKeys[i];
          slots[at] = oldSlots[i];
        }
      }
    }

    private static long[] filled(int n) {
      long[] a = new long[n];
      Arrays.fill(a, EMPTY);
      return a;
    }

    private static long mix(long x) {
      x ^= x >>> 33;
      x *= 0xff51afd7ed558ccdL;
      x ^= x >>> 33;
      return x;
    }
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
