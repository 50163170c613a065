package io.jingzhun.ingest;

import java.util.List;

/**
 * Ingestion refused: whole-file problems found before anything was written (each naming the file and
 * what was expected), or a failed reconciliation.
 */
public final class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  IngestException(String summary, List<String> problems) {
    super(summary + (problems.isEmpty() ? "" : ":\n  " + String.join("\n  ", problems)));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the file (or table) concerned. */
  public List<String> problems() {
    return problems;
  }
}
