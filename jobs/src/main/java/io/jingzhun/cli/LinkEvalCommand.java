package io.jingzhun.cli;

import io.jingzhun.linkage.LinkEvaluation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jingzhun link-eval}: pairwise precision/recall and findings against a generator's truth. */
@Command(
    name = "link-eval",
    description = "Compare a run's person crosswalk and findings with a generator truth: pairwise precision,"
        + " recall, F1; injected audit defects found and unexplained findings per rule.",
    mixinStandardHelpOptions = true)
public final class LinkEvalCommand implements Callable<Integer> {
  @Option(names = "--truth", required = true,
      description = "generator output folder (holding truth/<date>/records.csv) or the truth folder itself")
  String truth;

  @Mixin PipelineOptions options;

  @Option(names = "--min-precision", defaultValue = "0", description = "exit 1 below this precision")
  double minPrecision;

  @Option(names = "--min-recall", defaultValue = "0", description = "exit 1 below this recall")
  double minRecall;

  @Override
  public Integer call() {
    LinkEvaluation.Result r = LinkEvaluation.run(options.spark("jingzhun-link-eval"), truth,
        options.warehouse(), options.date());
    System.out.print(r.describe());
    return r.precision() >= minPrecision && r.recall() >= minRecall ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
