package io.jingzhun.pipeline;

import io.jingzhun.ingest.IngestSummary;
import io.jingzhun.ingest.Ingestion;
import io.jingzhun.ingest.TableSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Landing → staged and quarantine, reconciled per table (see {@link Ingestion}). */
public final class IngestStage implements Stage {
  private final List<String> tables;

  /** {@code tables} empty: every table delivered for the date. */
  public IngestStage(List<String> tables) {
    this.tables = List.copyOf(tables);
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public StageOutcome run(RunContext ctx) {
    IngestSummary summary = Ingestion.run(ctx.spark(), ctx.landing(), ctx.warehouse(), ctx.runDate(), tables);
    System.out.print(summary.toConsoleTable());
    Map<String, Object> facts = new LinkedHashMap<>();
    long read = 0;
    long quarantined = 0;
    for (TableSummary t : summary.tables()) {
      facts.put(t.table(), Map.of("read", t.rowsRead(), "staged", t.rowsStaged(),
          "quarantined", t.rowsQuarantined()));
      read += t.rowsRead();
      quarantined += t.rowsQuarantined();
    }
    return StageOutcome.done(name(), String.format("%d rows read, %d quarantined, all reconciled",
        read, quarantined), facts);
  }
}
