package io.jingzhun.cli;

import io.jingzhun.pipeline.RunContext;
import io.jingzhun.pipeline.Stage;
import io.jingzhun.pipeline.StageOutcome;
import java.time.Duration;
import java.time.Instant;

/** Runs one stage on its own, as the scheduler does when it retries a single task. */
final class StageRunner {
  private StageRunner() {}

  static int runOne(Stage stage, PipelineOptions options) throws Exception {
    RunContext ctx = new RunContext(options.spark("jingzhun-" + stage.name()), options.landing(),
        options.warehouse(), options.date());
    Instant t0 = Instant.now();
    StageOutcome outcome = stage.run(ctx);
    System.out.printf("%s %s: %s in %.1f s%s%n", stage.name(), options.date(),
        outcome.status() == StageOutcome.Status.DONE ? "done" : "BLOCKED",
        Duration.between(t0, Instant.now()).toMillis() / 1000.0,
        outcome.message().isEmpty() ? "" : " — " + outcome.message());
    return outcome.status() == StageOutcome.Status.DONE ? ExitCodes.OK : ExitCodes.QUALITY_GATE_BLOCKED;
  }
}
