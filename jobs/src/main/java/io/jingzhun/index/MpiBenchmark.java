package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.jingzhun.common.SparkSessions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the engine on synthetic units generated inside Spark (no input files): 10 indicators
 * (3 cardinal, 7 boolean), 3 cutoffs, population weights, groupings by county and by county × village.
 * Run through {@code bin/bench-mpi}; prints rows per second. Not a test.
 */
public final class MpiBenchmark {
  static final String SPEC = """
      name: benchmark
      unit: household
      id: id
      weight: members
      k: [1/5, 1/3, 1/2]
      bands: {vulnerable: 1/10, severe: 1/2}
      indicators:
        - {name: income, column: income, deprived_below: 4000, weight: 0.1}
        - {name: land, column: land, deprived_below: 2, weight: 0.1}
        - {name: schooling, column: schooling, deprived_below: 6, weight: 0.1}
        - {name: food, deprived_if: "NOT food", weight: 0.1}
        - {name: clothing, deprived_if: "NOT clothing", weight: 0.1}
        - {name: dropout, deprived_if: "dropouts > 0", weight: 0.1}
        - {name: medical, deprived_if: "uninsured > 0", weight: 0.1}
        - {name: housing, deprived_if: "housing IN ('C', 'D')", weight: 0.1}
        - {name: water, deprived_if: "NOT water", weight: 0.1}
        - {name: electricity, deprived_if: "NOT electricity", weight: 0.1}
      """;

  private MpiBenchmark() {}

  static Dataset<Row> synthetic(SparkSession spark, long n) {
    return spark.range(n).select(
        col("id"),
        expr("pmod(hash(id, 1), 50)").cast("string").as("county"),
        expr("pmod(hash(id, 2), 200)").cast("string").as("village"),
        expr("1 + pmod(hash(id, 3), 6)").as("members"),
        expr("pmod(hash(id, 4), 12000)").cast("double").as("income"),
        expr("pmod(hash(id, 5), 80) / 10.0").as("land"),
        expr("pmod(hash(id, 6), 13)").cast("double").as("schooling"),
        expr("pmod(hash(id, 7), 10) > 0").as("food"),
        expr("pmod(hash(id, 8), 12) > 0").as("clothing"),
        expr("IF(pmod(hash(id, 9), 15) = 0, 1, 0)").as("dropouts"),
        expr("IF(pmod(hash(id, 10), 8) = 0, 1, 0)").as("uninsured"),
        expr("element_at(array('A', 'B', 'C', 'D'), 1 + pmod(hash(id, 11), 4))").as("housing"),
        expr("pmod(hash(id, 12), 9) > 0").as("water"),
        expr("pmod(hash(id, 13), 20) > 0").as("electricity"));
  }

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.getOrCreate("jingzhun-bench-mpi");
    spark.sparkContext().setLogLevel("WARN");
    IndicatorSpec spec = IndicatorSpecReader.parse(SPEC, "benchmark.yaml");
    List<List<String>> groupings = List.of(List.of("county"), List.of("county", "village"));
    // Warm-up on a small table so code generation and class loading are not timed.
    AlkireFoster.compute(synthetic(spark, 10_000), spec, Map.of(), groupings).measures().count();
    for (String a : args.length == 0 ? new String[] {"1000000", "10000000"} : args) {
      long n = Long.parseLong(a);
      Dataset<Row> units = synthetic(spark, n);
      long t0 = System.nanoTime();
      MpiResult r = AlkireFoster.compute(units, spec, Map.of(), groupings);
      long groups = r.measures().count();
      double aggregateSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      r.units().write().format("noop").mode("overwrite").save();
      double unitSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf(
          "units=%d indicators=10 k=3 groupings=2 (+population) result_rows=%d | aggregates+SEs: %.1f s, "
              + "%.0f rows/s | per-unit scores: %.1f s, %.0f rows/s | cores=%d%n",
          n, groups, aggregateSeconds, n / aggregateSeconds, unitSeconds, n / unitSeconds,
          Runtime.getRuntime().availableProcessors());
    }
  }
}
