package io.jingzhun.cli;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import io.jingzhun.findings.Findings;
import io.jingzhun.linkage.Linkage;
import io.jingzhun.linkage.LinkageModel;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jingzhun link}: cross-match people of a run date's staged tables, then the auditors' findings. */
@Command(
    name = "link",
    description = "Cross-match people across departments (person_crosswalk, review_queue, model_parameters)"
        + " and compute the cross-department findings of conf/findings.yaml.",
    mixinStandardHelpOptions = true)
public final class LinkCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Spec CommandSpec spec;

  @Option(names = "--model", defaultValue = LinkageModel.DEFAULT_PATH,
      description = "comparison model under the project home (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--skip-findings", description = "link only")
  boolean skipFindings;

  @Option(names = "--findings-only",
      description = "findings only, over the run date's crosswalk (after a change to conf/findings.yaml)")
  boolean findingsOnly;

  @Override
  public Integer call() {
    if (skipFindings && findingsOnly) {
      throw new ParameterException(spec.commandLine(), "--skip-findings and --findings-only exclude each other");
    }
    LocalDate date = options.date();
    Warehouse wh = options.warehouse();
    SparkSession spark = options.spark("jingzhun-link");
    String crosswalk = wh.partition(Warehouse.Layer.LINKED, Linkage.CROSSWALK, date);
    if (findingsOnly && !HadoopFiles.of(spark).exists(crosswalk)) {
      throw new ParameterException(spec.commandLine(), "--findings-only: no person crosswalk " + crosswalk
          + "; run link first");
    }
    Linkage.Result linked = null;
    if (!findingsOnly) {
      linked = Linkage.run(spark, wh, date, LinkageModel.load(model));
      System.out.print(linked.summary().describe());
    }
    try {
      if (!skipFindings) {
        System.out.print(Findings.run(spark, wh, date, linked == null ? null : linked.personRecords()).describe());
      }
    } finally {
      if (linked != null) {
        linked.release();
      }
    }
    return ExitCodes.OK;
  }
}
