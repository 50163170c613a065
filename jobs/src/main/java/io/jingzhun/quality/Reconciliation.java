package io.jingzhun.quality;

/**
 * Where every row read for a table went: {@code rowsRead = stagedClean + quarantinedAtIngest +
 * quarantinedByRules}, where {@code stagedClean = staged - quarantinedByRules}.
 */
public record Reconciliation(
    String table, long rowsRead, long staged, long quarantinedAtIngest, long quarantinedByRules, long stagedClean) {

  public boolean balanced() {
    return rowsRead == stagedClean + quarantinedAtIngest + quarantinedByRules;
  }
}
