package io.jingzhun.pipeline;

import static io.jingzhun.common.Preconditions.checkNotNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stage reports: whether the run may go on, and a few facts for the run summary (counts,
 * headline figures). Facts never hold personal data.
 */
public record StageOutcome(String stage, Status status, String message, Map<String, Object> facts) {
  public enum Status {
    /** The stage did its work; the run goes on. */
    DONE,
    /** The stage refused to let the run go on (the quality gate); nothing after it runs. */
    BLOCKED
  }

  public StageOutcome {
    checkNotNull(stage, "expected a stage name");
    checkNotNull(status, "expected a status");
    message = message == null ? "" : message;
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
  }

  public static StageOutcome done(String stage, String message, Map<String, Object> facts) {
    return new StageOutcome(stage, Status.DONE, message, facts);
  }

  public static StageOutcome blocked(String stage, String message, Map<String, Object> facts) {
    return new StageOutcome(stage, Status.BLOCKED, message, facts);
  }
}
