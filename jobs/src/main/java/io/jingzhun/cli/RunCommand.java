package io.jingzhun.cli;

import io.jingzhun.pipeline.IndexStage;
import io.jingzhun.pipeline.IngestStage;
import io.jingzhun.pipeline.LinkStage;
import io.jingzhun.pipeline.NightlyRun;
import io.jingzhun.pipeline.PublishStage;
import io.jingzhun.pipeline.QualityStage;
import io.jingzhun.pipeline.ReportStage;
import io.jingzhun.pipeline.RunContext;
import io.jingzhun.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jingzhun run --date D}: the whole nightly run, ingest → quality gate → link → index →
 * publish → report. Exit 0 when published, 2 when the quality gate blocked publishing, 1 on error.
 */
@Command(
    name = "run",
    description = {
      "Run the nightly job for a run date: ingest, quality gate, link, index, publish, report.",
      "Exit codes: 0 published, 2 quality gate blocked publishing (previous publish stays), 1 error."
    },
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
  @Mixin PipelineOptions options;

  @Option(names = "--spec", defaultValue = "china-2020",
      description = "Indicator spec in conf/indicators/ or a path (default: ${DEFAULT-VALUE}).")
  String spec;

  /** The stages of the nightly run, in order. */
  static List<Stage> stages(String spec) {
    List<Stage> stages = new ArrayList<>();
    stages.add(new IngestStage(List.of()));
    stages.add(new QualityStage());
    stages.add(new LinkStage());
    stages.add(new IndexStage(spec));
    stages.add(new PublishStage(spec));
    stages.add(new ReportStage());
    return stages;
  }

  @Override
  public Integer call() throws Exception {
    RunContext ctx = new RunContext(options.spark("jingzhun-run"), options.landing(), options.warehouse(),
        options.date());
    System.out.printf("jingzhun run %s: landing %s, warehouse %s, profile %s%n",
        options.date(), ctx.landing(), ctx.warehouse(), options.profile().name());
    NightlyRun.Result result = new NightlyRun(stages(spec), System.out).run(ctx);
    return result.blocked() ? ExitCodes.QUALITY_GATE_BLOCKED : ExitCodes.OK;
  }
}
