package io.jingzhun.quality;

import java.util.List;
import java.util.Map;

/**
 * The verdict of one rule on one table for one run.
 *
 * @param status {@code passed}, {@code failed}, or {@code not_evaluated} (the table or a reference was
 *     missing; counts as failed for the gate)
 * @param value the measured share (completeness, compliance, uniqueness) or row count
 * @param failingRows rows that broke a row-level rule (0 for table-level rules)
 * @param quarantinedRows failing rows set aside because the rule quarantines
 * @param samples a few failing rows, personal values masked
 */
public record RuleResult(
    String table,
    String rule,
    String kind,
    Level level,
    String status,
    Double value,
    String expectation,
    long rowsChecked,
    long failingRows,
    long quarantinedRows,
    String message,
    String description,
    List<Map<String, String>> samples) {

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String NOT_EVALUATED = "not_evaluated";

  public RuleResult {
    samples = samples == null ? List.of() : samples.stream().map(Map::copyOf).toList();
  }

  public boolean passed() {
    return PASSED.equals(status);
  }

  /** Failed (or could not be judged) at error level: blocks publishing. */
  public boolean blocks() {
    return !passed() && level == Level.ERROR;
  }
}
