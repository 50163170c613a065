package io.jingzhun.pipeline;

import static io.jingzhun.common.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.index.IndicatorSpec;
import io.jingzhun.publish.Manifest;
import io.jingzhun.publish.PseudonymKey;
import io.jingzhun.publish.PublishHook;
import io.jingzhun.publish.PublishResult;
import io.jingzhun.publish.PublishedTables;
import io.jingzhun.publish.PublishedViews;
import io.jingzhun.publish.Publisher;
import io.jingzhun.quality.CandidateTable;
import io.jingzhun.quality.QualityGate;
import io.jingzhun.quality.QualityOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    OutputGate gate = new OutputGate(ctx);
    PublishResult result;
    try {
      result = Publisher.to(wh).withPseudonymKey(key).withHook(gate).publish(spark, ctx.runDate(), tables);
    } catch (GateBlocked blocked) {
      return QualityStage.outcome(name(), blocked.outcome);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("manifest", result.manifestLocation());
    facts.put("previous_run_date", previous.map(p -> p.runDate().toString()).orElse(null));
    Map<String, Long> rows = new LinkedHashMap<>();
    result.manifest().tables().forEach((name, t) -> rows.put(name, t.rows()));
    facts.put("rows", rows);
    return StageOutcome.done(name(), tables.size() + " tables committed", facts);
  }

  /**
   * Runs the quality gate over the written, not yet committed tables (with tonight's check of the staged
   * tables, so the report is complete and includes the findings); a failure aborts the publish before its
   * commit.
   */
  private static final class OutputGate implements PublishHook {
    private final RunContext ctx;
    private final List<CandidateTable> written = new ArrayList<>();

    OutputGate(RunContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void afterTableWritten(String table, String location) {
      written.add(new CandidateTable(table, location));
    }

    @Override
    public void beforeCommit(Manifest manifest) {
      QualityOutcome o = QualityGate.checkOutputs(ctx.spark(), ctx.warehouse(), ctx.runDate(), written);
      if (!o.passed()) {
        throw new GateBlocked(o);
      }
    }
  }

  private static final class GateBlocked extends RuntimeException {
    final transient QualityOutcome outcome;

    GateBlocked(QualityOutcome outcome) {
      super("quality gate blocked the publish: " + String.join("; ", outcome.blocking()));
      this.outcome = outcome;
    }
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
