package io.jingzhun.cli;

import io.jingzhun.pipeline.PublishStage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jingzhun publish --date D}: the published tables of a run date, all or nothing. */
@Command(
    name = "publish",
    description = {
      "Build the published tables (schemas/published/) from the indexed and linked layers and commit",
      "them all-or-nothing; readers see the previous run until the commit."
    },
    mixinStandardHelpOptions = true)
public final class PublishCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Option(names = "--spec", defaultValue = "china-2020",
      description = "Indicator spec the index was computed with (default: ${DEFAULT-VALUE}).")
  String spec;

  @Override
  public Integer call() throws Exception {
    return StageRunner.runOne(new PublishStage(spec), options);
  }
}
