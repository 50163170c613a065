package io.jingzhun.pipeline;

/**
 * One stage of the nightly run (ingest, quality gate, link, index, publish, report). Each stage reads
 * what earlier stages wrote to the warehouse for the run date and writes its own tables, so it can also
 * be run, and retried, on its own.
 */
public interface Stage {
  /** The stage's name as the CLI and the scheduler know it. */
  String name();

  StageOutcome run(RunContext context) throws Exception;
}
