package io.jingzhun.pipeline;

import io.jingzhun.quality.CandidateTable;
import io.jingzhun.quality.QualityGate;
import io.jingzhun.quality.QualityOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality gate on the staged tables, right after ingestion: an error-level rule failure or anomaly
 * blocks the run before anything is linked or published. (Publishing checks the output tables again
 * before its commit: {@link PublishStage}.)
 */
public final class QualityStage implements Stage {
  @Override
  public String name() {
    return "quality";
  }

  @Override
  public StageOutcome run(RunContext ctx) {
    QualityOutcome o = QualityGate.check(ctx.spark(), ctx.warehouse(), ctx.runDate(), List.<CandidateTable>of());
    return outcome(name(), o);
  }

  static StageOutcome outcome(String stage, QualityOutcome o) {
    long failed = o.results().stream().filter(r -> !r.passed()).count();
    long anomalous = o.anomalies().stream().filter(a -> a.anomalous()).count();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("rules", o.results().size());
    facts.put("failed", failed);
    facts.put("anomalies", anomalous);
    facts.put("blocking", o.blocking());
    facts.put("report", o.reportHtml());
    String message = String.format("%d rules, %d failed, %d anomalies; report %s",
        o.results().size(), failed, anomalous, o.reportHtml());
    if (!o.passed()) {
      return StageOutcome.blocked(stage, "quality gate BLOCKED: " + String.join("; ", o.blocking()), facts);
    }
    return StageOutcome.done(stage, message, facts);
  }
}
