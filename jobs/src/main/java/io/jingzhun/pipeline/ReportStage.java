package io.jingzhun.pipeline;

import io.jingzhun.quality.QualityGate;
import java.util.Map;

/** Points the analysts to the run's auditors' report (written by the quality gate). */
public final class ReportStage implements Stage {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public StageOutcome run(RunContext ctx) {
    String path = QualityGate.reportPath(ctx.spark(), ctx.warehouse(), ctx.runDate())
        .orElseThrow(() -> new IllegalStateException("no quality report for " + ctx.runDate()
            + ": the quality gate has not run for this date"));
    return StageOutcome.done(name(), "auditors' report: " + path, Map.of("report", path));
  }
}
