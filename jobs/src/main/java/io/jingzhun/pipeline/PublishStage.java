package io.jingzhun.pipeline;

import static io.jingzhun.common.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.index.IndicatorSpec;
import io.jingzhun.publish.PseudonymKey;
import io.jingzhun.publish.PublishResult;
import io.jingzhun.publish.PublishedTables;
import io.jingzhun.publish.PublishedViews;
import io.jingzhun.publish.Publisher;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the published tables from the indexed and linked layers and publishes them all-or-nothing
 * (manifest commit, see docs/publishing.md). Readers keep seeing the previous run until the commit.
 */
public final class PublishStage implements Stage {
  private final String specName;

  public PublishStage(String specName) {
    this.specName = specName;
  }

  @Override
  public String name() {
    return "publish";
  }

  @Override
  public StageOutcome run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    Warehouse wh = ctx.warehouse();
    IndicatorSpec spec = IndexStage.spec(specName);
    PseudonymKey key = PseudonymKey.fromEnvironment();
    Optional<PublishedTables> previous = PublishedTables.previous(spark, wh, ctx.runDate());
    PublishedViews.Inputs inputs = new PublishedViews.Inputs(
        read(spark, wh.partition(Layer.INDEXED, "household_scores", ctx.runDate())),
        read(spark, wh.partition(Layer.INDEXED, "area_measures", ctx.runDate())),
        read(spark, wh.partition(Layer.INDEXED, "area_indicators", ctx.runDate())),
        read(spark, wh.partition(Layer.LINKED, "findings", ctx.runDate())),
        previous.filter(p -> p.names().contains("household_index")).map(p -> p.table("household_index")),
        previous.map(PublishedTables::runDate));
    Map<String, Dataset<Row>> tables = PublishedViews.build(spark, spec, key, monitoring(), inputs);
    PublishResult result = Publisher.to(wh).withPseudonymKey(key).publish(spark, ctx.runDate(), tables);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("manifest", result.manifestLocation());
    facts.put("previous_run_date", previous.map(p -> p.runDate().toString()).orElse(null));
    Map<String, Long> rows = new LinkedHashMap<>();
    result.manifest().tables().forEach((name, t) -> rows.put(name, t.rows()));
    facts.put("rows", rows);
    return StageOutcome.done(name(), tables.size() + " tables committed", facts);
  }

  private static Dataset<Row> read(SparkSession spark, String uri) {
    return spark.read().parquet(uri);
  }

  /** conf/monitoring.yaml. */
  static PublishedViews.Monitoring monitoring() {
    String file = "conf/monitoring.yaml";
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(ProjectFiles.read(file));
      JsonNode factor = root == null ? null : root.get("at_risk_income_factor");
      checkArgument(factor != null && factor.isNumber(),
          "%s: at_risk_income_factor must be a number (a multiple of the income line)", file);
      return new PublishedViews.Monitoring(factor.asDouble());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }
}
