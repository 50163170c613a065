package io.jingzhun.cli;

import io.jingzhun.pipeline.IngestStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jingzhun ingest --date D [--landing DIR] [--warehouse DIR] [--table T ...]}. */
@Command(
    name = "ingest",
    description = {
      "Read the departments' files of a run date (<landing>/<date>/<table>/*.csv|jsonl|parquet),",
      "stage typed rows, quarantine unusable ones with reasons, and reconcile the counts.",
      "Re-running a date replaces that date's outputs."
    },
    mixinStandardHelpOptions = true)
public final class IngestCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Option(names = "--table", description = "only this table (repeatable); default: every table delivered")
  List<String> tables = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return StageRunner.runOne(new IngestStage(tables), options);
  }
}
