package io.jingzhun.index;

import static io.jingzhun.common.Preconditions.checkArgument;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The stand-alone index run behind {@code jingzhun mpi}: read a flat table (CSV with header, Parquet,
 * JSON lines), compute, write {@code summary.json} and each table as Parquet ({@code <name>.parquet/})
 * and CSV ({@code <name>.csv/}) under the output folder, replacing what was there.
 */
public final class MpiRun {
  /**
   * @param spec spec file (path or URI) or a project spec name such as {@code china-2020}
   * @param k cutoffs replacing the spec's, or empty
   * @param by groupings, each a list of columns
   * @param params spec parameters; {@code year} (if given) adds {@code income_line} from conf
   * @param round column holding the round (year) of each unit, or null
   */
  public record Options(
      String spec, String input, String out, List<Double> k, List<List<String>> by,
      Map<String, Object> params, Integer year, String weight, String strata, String psu, String round) {}

  private MpiRun() {}

  /** Runs and returns the summary.json text. */
  public static String run(SparkSession spark, Options o) {
    HadoopFiles files = HadoopFiles.of(spark);
    IndicatorSpec spec = loadSpec(files, o.spec());
    if (o.k() != null && !o.k().isEmpty()) {
      spec = spec.withK(o.k());
    }
    spec = spec.withDesign(o.weight(), o.strata(), o.psu());
    Map<String, Object> params = new LinkedHashMap<>(o.params() == null ? Map.of() : o.params());
    if (o.year() != null && !params.containsKey(IncomeLines.PARAMETER)) {
      params.put(IncomeLines.PARAMETER, IncomeLines.load().forYear(o.year()));
    }
    Dataset<Row> units = read(spark, files, o.input());
    String out = Warehouse.Locations.toUri(o.out());
    List<List<String>> by = o.by() == null ? List.of() : o.by();

    List<SummaryJson.Round> rounds = new ArrayList<>();
    Dataset<Row> changes = null;
    String summary;
    try {
      if (o.round() == null) {
        MpiResult r = AlkireFoster.compute(units, spec, params, by);
        rounds.add(new SummaryJson.Round(null, r));
        summary = SummaryJson.of(rounds, null);
        write(r.units(), out, "units", false);
        write(r.measures(), out, "measures", true);
        write(r.indicators(), out, "indicators", true);
        write(r.dimensions(), out, "dimensions", true);
        write(Robustness.table(spark, Robustness.rankings(r)), out, "robustness", true);
      } else {
        checkArgument(List.of(units.columns()).contains(o.round()),
            "input %s has no round column '%s'", o.input(), o.round());
        List<Row> values = units.select(col("`" + o.round() + "`").cast("string")).distinct().collectAsList();
        List<String> labels = values.stream().map(r -> r.getString(0)).filter(v -> v != null).sorted().toList();
        checkArgument(labels.size() >= 2, "round column '%s' has %d value(s); changes need at least 2",
            o.round(), labels.size());
        Dataset<Row> allUnits = null;
        Dataset<Row> allMeasures = null;
        Dataset<Row> allIndicators = null;
        Dataset<Row> allDimensions = null;
        MpiResult previous = null;
        String previousLabel = null;
        List<String> groupCols = null;
        for (String label : labels) {
          Dataset<Row> part = units.filter(col("`" + o.round() + "`").cast("string").equalTo(label));
          MpiResult r = AlkireFoster.compute(part, spec, params, by);
          groupCols = SummaryJson.groupColumns(r);
          rounds.add(new SummaryJson.Round(label, r));
          allUnits = union(allUnits, r.units().withColumn("round", lit(label)));
          allMeasures = union(allMeasures, r.measures().withColumn("round", lit(label)));
          allIndicators = union(allIndicators, r.indicators().withColumn("round", lit(label)));
          allDimensions = union(allDimensions, r.dimensions().withColumn("round", lit(label)));
          if (previous != null) {
            double years = yearsBetween(previousLabel, label);
            Dataset<Row> c = Changes.between(previous.measures(), r.measures(), years, groupCols)
                .withColumn("from_round", lit(previousLabel)).withColumn("to_round", lit(label));
            changes = union(changes, c);
          }
          previous = r;
          previousLabel = label;
        }
        summary = SummaryJson.of(rounds, changes);
        write(allUnits, out, "units", false);
        write(allMeasures, out, "measures", true);
        write(allIndicators, out, "indicators", true);
        write(allDimensions, out, "dimensions", true);
        write(changes, out, "changes", true);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("input " + o.input() + ": " + e.getMessage(), e);
    }
    files.writeString(out + "/summary.json", summary);
    return summary;
  }

  private static double yearsBetween(String a, String b) {
    try {
      return Double.parseDouble(b) - Double.parseDouble(a);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "rounds '" + a + "' and '" + b + "' are not years; use numeric round values (e.g. 2019, 2020)");
    }
  }

  private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
    return a == null ? b : a.unionByName(b);
  }

  static IndicatorSpec loadSpec(HadoopFiles files, String spec) {
    if (!spec.contains("/") && !spec.endsWith(".yaml") && !spec.endsWith(".yml")) {
      return IndicatorSpecReader.project(spec);
    }
    String uri = Warehouse.Locations.toUri(spec);
    checkArgument(files.exists(uri), "spec file %s not found", spec);
    return IndicatorSpecReader.read(files, uri);
  }

  /** Reads a flat table by its extension: .csv (header row), .parquet, .jsonl / .json. */
  public static Dataset<Row> read(SparkSession spark, HadoopFiles files, String input) {
    String uri = Warehouse.Locations.toUri(input);
    checkArgument(files.exists(uri), "input %s not found", input);
    String lower = input.toLowerCase();
    if (lower.endsWith(".csv")) {
      return spark.read().option("header", "true").option("inferSchema", "true").option("mode", "FAILFAST")
          .option("encoding", "UTF-8").csv(uri);
    }
    if (lower.endsWith(".parquet")) {
      return spark.read().parquet(uri);
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
      return spark.read().option("mode", "FAILFAST").json(uri);
    }
    throw new IllegalArgumentException("input " + input + ": expected a .csv, .parquet or .jsonl file");
  }

  private static void write(Dataset<Row> table, String out, String name, boolean small) {
    Dataset<Row> t = small ? table.coalesce(1) : table;
    t.write().mode(SaveMode.Overwrite).parquet(out + "/" + name + ".parquet");
    t.write().mode(SaveMode.Overwrite).option("header", "true").csv(out + "/" + name + ".csv");
  }
}
