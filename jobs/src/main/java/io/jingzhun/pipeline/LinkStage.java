package io.jingzhun.pipeline;

import io.jingzhun.findings.Findings;
import io.jingzhun.linkage.Linkage;
import io.jingzhun.linkage.LinkageModel;
import io.jingzhun.linkage.LinkageSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** Cross-matching people across the staged tables, then the auditors' cross-department findings. */
public final class LinkStage implements Stage {
  @Override
  public String name() {
    return "link";
  }

  @Override
  public StageOutcome run(RunContext ctx) {
    Linkage.Result linked = Linkage.run(ctx.spark(), ctx.warehouse(), ctx.runDate(), LinkageModel.load());
    LinkageSummary linkage = linked.summary();
    Findings.Summary findings;
    try {
      findings = Findings.run(ctx.spark(), ctx.warehouse(), ctx.runDate(), linked.personRecords());
    } finally {
      linked.release();
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("records", linkage.records());
    facts.put("persons", linkage.persons());
    facts.put("uncertain_pairs", linkage.uncertainPairs());
    facts.put("conflict_pairs", linkage.conflictPairs());
    facts.put("em_converged", linkage.emConvergedEverywhere());
    facts.put("findings", findings.perRule());
    long total = findings.perRule().values().stream().mapToLong(Long::longValue).sum();
    return StageOutcome.done(name(), String.format("%d records → %d persons; %d findings",
        linkage.records(), linkage.persons(), total), facts);
  }
}
