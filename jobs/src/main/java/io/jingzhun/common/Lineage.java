package io.jingzhun.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.OneToOneDependency;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.AttributeMap$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.LogicalRDD$;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.collection.JavaConverters;
import scala.math.BigInt;

/**
 * Cuts a dataset's lineage: computes it once and returns a dataset whose plan starts from the computed
 * rows. Use it where a stage builds on its own intermediate results several times.
 *
 * <p>Why not {@code persist}: a persisted dataset keeps its whole plan, and Spark renders that plan as
 * text for every query that reads it (the SQL listener's plan description, again at each adaptive
 * re-plan). Linkage's comparison expressions made those strings the biggest cost of a county-sized run.
 * The rows live in the executors' block managers as packed binary rows (memory, spilling to disk), like a
 * persisted dataset's; losing an executor fails the stage, and the scheduler retries the whole stage.
 *
 * <p>Release cuts when they are no longer read ({@link #release}, or a {@link Scope}). Spark frees
 * them on its own only once the JVM's collector has found the dataset unreachable; until then their
 * rows hold memory, and when memory is short Spark moves live cuts to disk and back (at a million
 * households the linkage's records went to disk and back four times over before this).
 */
public final class Lineage {
  private Lineage() {}

  public static <T> Dataset<T> cut(Dataset<T> dataset) {
    Objects.requireNonNull(dataset, "dataset to cut must not be null");
    return store(dataset);
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
      return store(dataset.repartition(partitions, cols));
    } finally {
      spark.conf().set(adaptive, before);
    }
  }

  /**
   * Computes the dataset once and keeps its rows, as {@code persist} does, under a plan that starts from
   * them, as {@code localCheckpoint} does.
   *
   * <p>The rows are kept as Spark's own binary rows ({@code UnsafeRow}), packed end to end into arrays of
   * half a megabyte ({@link RowBlock}), and read back in place: a row is a view over its bytes, nothing is
   * decoded. Why not {@code localCheckpoint}: it keeps every row as two objects (the row and its bytes). At
   * a million households linkage holds tens of millions of rows for minutes, and the collector traces them
   * again at each marking cycle, on one of the two cores; a block is one array without references. Why not
   * the column batches of Spark's cache: reading them back rebuilds every row field by field, a sixth of the
   * link stage's task time at Haidong (see docs/operations.md, "Where the time goes").
   */
  private static <T> Dataset<T> store(Dataset<T> dataset) {
    SparkSession spark = dataset.sparkSession();
    QueryExecution query = dataset.queryExecution();
    StructType schema = query.executedPlan().schema();
    int fields = schema.size();
    Stored computed = SQLExecution.withNewExecutionId(query, Option.apply("cut"), () -> {
      RDD<RowBlock> blocks = query.executedPlan().execute().toJavaRDD()
          .mapPartitions((Iterator<InternalRow> rows) -> RowBlock.pack(rows, schema)).rdd();
      // local checkpoint rather than persist: the blocks' lineage ends here, and a released cut cannot be
      // silently computed again from its plan
      blocks.localCheckpoint();
      long[] size = blocks.toJavaRDD()
          .map(b -> new long[] {b.rows(), b.used()})
          .fold(new long[2], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
      return new Stored(blocks, size[0], size[1]);
    });
    RDD<InternalRow> rows = computed.blocks().toJavaRDD()
        .mapPartitions((Iterator<RowBlock> b) -> RowBlock.unpack(b, fields)).rdd();
    LogicalRDD estimated = LogicalRDD$.MODULE$.fromDataset(rows, dataset, false);
    // The cut's real size instead of the estimate of the plan it was cut from: a filter or an aggregate is
    // estimated at its input's size, so a join would shuffle and sort a large table against a cut of a few
    // thousand rows that could be held in memory and broadcast.
    Statistics measured = new Statistics(BigInt.apply(Math.max(computed.bytes(), 1L)),
        Option.apply(BigInt.apply(computed.rows())), AttributeMap$.MODULE$.empty(), false);
    LogicalRDD cut = new LogicalRDD(estimated.output(), estimated.rdd(), estimated.outputPartitioning(),
        estimated.outputOrdering(), false, spark, Option.apply(measured), Option.apply(estimated.constraints()));
    return new Dataset<>(spark, cut, dataset.encoder());
  }

  /** A cut's computed blocks, with their rows and bytes. */
  private record Stored(RDD<RowBlock> blocks, long rows, long bytes) {}

  /** The RDD whose blocks hold a cut's rows: the packed blocks under the rows a cut's plan reads. */
  static RDD<?> stored(LogicalRDD cut) {
    RDD<?> rdd = cut.rdd();
    while (rdd.getStorageLevel() == StorageLevel.NONE() && !rdd.isCheckpointed() && rdd.dependencies().size() == 1
        && rdd.dependencies().head() instanceof OneToOneDependency<?> narrow) {
      rdd = narrow.rdd();
    }
    return rdd;
  }

  /**
   * Frees the rows of the cuts {@code dataset} reads directly (itself, when it is a cut), in memory
   * and on disk. Reading it, or anything built on it, afterwards fails: Spark cannot compute a cut
   * again.
   */
  public static void release(Dataset<?> dataset) {
    Objects.requireNonNull(dataset, "dataset to release must not be null");
    List<LogicalPlan> leaves = JavaConverters.seqAsJavaList(dataset.queryExecution().logical().collectLeaves());
    boolean found = false;
    for (LogicalPlan leaf : leaves) {
      if (leaf instanceof LogicalRDD rows) {
        stored(rows).unpersist(false);
        found = true;
      }
    }
    Preconditions.checkArgument(found, "expected a dataset made by Lineage.cut or read from one, got a plan of %s",
        dataset.queryExecution().logical().nodeName());
  }

  /**
   * The cuts a piece of work makes, released together when it ends (try-with-resources), on failure
   * too, but for those it {@link #keep}s for its caller.
   */
  public static final class Scope implements AutoCloseable {
    private final List<Dataset<?>> held = new ArrayList<>();

    public <T> Dataset<T> cut(Dataset<T> dataset) {
      Dataset<T> cut = Lineage.cut(dataset);
      held.add(cut);
      return cut;
    }

    public <T> Dataset<T> cutSpreadBy(Dataset<T> dataset, String... keys) {
      Dataset<T> cut = Lineage.cutSpreadBy(dataset, keys);
      held.add(cut);
      return cut;
    }

    /** Releases one of this scope's cuts now, before the scope ends. */
    public void release(Dataset<?> cut) {
      Preconditions.checkArgument(held.remove(cut), "expected a cut of this scope, not yet released or kept");
      Lineage.release(cut);
    }

    /** Takes a cut out of the scope: it outlives the scope, and whoever holds it releases it. */
    public <T> Dataset<T> keep(Dataset<T> cut) {
      Preconditions.checkArgument(held.remove(cut), "expected a cut of this scope, not yet released or kept");
      return cut;
    }

    @Override
    public void close() {
      for (Dataset<?> cut : held) {
        Lineage.release(cut);
      }
      held.clear();
    }
  }
}
