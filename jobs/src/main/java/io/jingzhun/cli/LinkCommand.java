package io.jingzhun.cli;

import io.jingzhun.common.Warehouse;
import io.jingzhun.findings.Findings;
import io.jingzhun.linkage.Linkage;
import io.jingzhun.linkage.LinkageModel;
import io.jingzhun.linkage.LinkageSummary;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jingzhun link}: cross-match people of a run date's staged tables, then the auditors' findings. */
@Command(
    name = "link",
    description = "Cross-match people across departments (person_crosswalk, review_queue, model_parameters)"
        + " and compute the cross-department findings of conf/findings.yaml.",
    mixinStandardHelpOptions = true)
public final class LinkCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Option(names = "--model", defaultValue = LinkageModel.DEFAULT_PATH,
      description = "comparison model under the project home (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--skip-findings", description = "link only")
  boolean skipFindings;

  @Override
  public Integer call() {
    LinkageModel m = LinkageModel.load(model);
    SparkSession spark = options.spark("jingzhun-link");
    Warehouse wh = options.warehouse();
    LocalDate date = options.date();
    LinkageSummary summary = Linkage.run(spark, wh, date, m);
    System.out.print(summary.describe());
    if (!skipFindings) {
      System.out.print(Findings.run(spark, wh, date).describe());
    }
    return ExitCodes.OK;
  }
}
