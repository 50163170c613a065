package io.jingzhun.cli;

import io.jingzhun.pipeline.IndexStage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jingzhun index --date D}: household features and the poverty index of a run date. */
@Command(
    name = "index",
    description = {
      "Compute household features from the staged and linked tables, then the Alkire-Foster index",
      "per household, village, township, county, cause of poverty and attribute (indexed layer)."
    },
    mixinStandardHelpOptions = true)
public final class IndexCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Option(names = "--spec", defaultValue = "china-2020",
      description = "Indicator spec in conf/indicators/ or a path (default: ${DEFAULT-VALUE}).")
  String spec;

  @Override
  public Integer call() throws Exception {
    return StageRunner.runOne(new IndexStage(spec), options);
  }
}
