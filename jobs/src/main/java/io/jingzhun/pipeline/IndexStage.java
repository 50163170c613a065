package io.jingzhun.pipeline;

import static org.apache.spark.sql.functions.col;

import io.jingzhun.common.StagedRows;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.features.HouseholdFeatures;
import io.jingzhun.findings.Programmes;
import io.jingzhun.index.AlkireFoster;
import io.jingzhun.index.IncomeLines;
import io.jingzhun.index.IndicatorSpec;
import io.jingzhun.index.IndicatorSpecReader;
import io.jingzhun.index.MpiResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Household features from the staged and linked tables, then the Alkire–Foster index per household
 * and per village, township, county, cause of poverty and household attribute. Writes the
 * {@code indexed} layer (restricted zone: it still holds registry numbers and names):
 * {@code household_features}, {@code household_scores}, {@code area_measures},
 * {@code area_indicators}, {@code area_dimensions}.
 */
public final class IndexStage implements Stage {
  /** The groupings the nightly run reports; the village grouping carries its parents' codes. */
  public static final List<List<String>> GROUPINGS = List.of(
      List.of("county_code"),
      List.of("county_code", "township_code"),
      List.of("county_code", "township_code", "village_code"),
      List.of("county_code", "main_cause"),
      List.of("county_code", "attribute"));

  private final String specName;

  public IndexStage(String specName) {
    this.specName = specName;
  }

  @Override
  public String name() {
    return "index";
  }

  /** The indicator spec the nightly run uses, with its income line for the run date's year. */
  public static IndicatorSpec spec(String specName) {
    return IndicatorSpecReader.project(specName);
  }

  @Override
  public StageOutcome run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    Warehouse wh = ctx.warehouse();
    Dataset<Row> features = HouseholdFeatures.build(spark, new HouseholdFeatures.Inputs(
        staged(ctx, "households"), staged(ctx, "members"), staged(ctx, "civil_affairs"),
        staged(ctx, "education"), staged(ctx, "finance_payments"),
        spark.read().parquet(wh.partition(Layer.LINKED, "person_crosswalk", ctx.runDate())),
        Programmes.load().toDataset(spark).selectExpr("code AS programme_code", "transfer_item")), ctx.runDate());
    write(features, wh.partition(Layer.INDEXED, "household_features", ctx.runDate()));
    features = spark.read().parquet(wh.partition(Layer.INDEXED, "household_features", ctx.runDate()));

    IndicatorSpec spec = spec(specName);
    double incomeLine = IncomeLines.load().forYear(ctx.runDate().getYear());
    Map<String, Object> params = Map.of(IncomeLines.PARAMETER, incomeLine);
    MpiResult result = AlkireFoster.compute(features, spec, params, GROUPINGS);

    Dataset<Row> scores = result.units()
        .drop("county_code", "township_code", "village_code", "main_cause", "attribute")
        .join(features, result.units().col(spec.id()).equalTo(features.col("household_id")))
        .drop(result.units().col(spec.id()))
        .withColumn("income_line", org.apache.spark.sql.functions.lit(incomeLine));
    write(scores, wh.partition(Layer.INDEXED, "household_scores", ctx.runDate()));
    write(result.measures(), wh.partition(Layer.INDEXED, "area_measures", ctx.runDate()));
    write(result.indicators(), wh.partition(Layer.INDEXED, "area_indicators", ctx.runDate()));
    write(result.dimensions(), wh.partition(Layer.INDEXED, "area_dimensions", ctx.runDate()));

    Row headline = spark.read().parquet(wh.partition(Layer.INDEXED, "area_measures", ctx.runDate()))
        .filter(col("grouping").isNull().and(col("k").equalTo(spec.k().get(0))))
        .select("n", "population", "H", "A", "M0").first();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("spec", spec.name());
    facts.put("income_line", incomeLine);
    facts.put("k", spec.k().get(0));
    facts.put("households", headline.getAs("n"));
    facts.put("population", headline.getAs("population"));
    facts.put("H", headline.getAs("H"));
    facts.put("A", headline.getAs("A"));
    facts.put("M0", headline.getAs("M0"));
    return StageOutcome.done(name(), String.format("%s households, k=%.4f: H=%.4f A=%.4f M0=%.4f",
        headline.getAs("n"), spec.k().get(0), num(headline, "H"), num(headline, "A"), num(headline, "M0")), facts);
  }

  private static double num(Row r, String c) {
    Object v = r.getAs(c);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  /** A staged table without its rule-quarantined rows (as linkage reads it). */
  private static Dataset<Row> staged(RunContext ctx, String table) {
    return StagedRows.read(ctx.spark(), ctx.warehouse(), table, ctx.runDate()).orElseThrow(
        () -> new IllegalStateException("no staged table "
            + ctx.warehouse().partition(Layer.STAGED, table, ctx.runDate()) + ": ingest this date first"));
  }

  static void write(Dataset<Row> data, String partition) {
    data.write().mode(SaveMode.Overwrite).parquet(partition);
  }
}
