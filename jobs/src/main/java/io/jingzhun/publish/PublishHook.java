package io.jingzhun.publish;

/**
 * Called by {@link Publisher} at points of a publish, so tests can stop it where a crash would
 * (the default does nothing).
 */
public interface PublishHook {
  PublishHook NONE = new PublishHook() {};

  /** A table's data is written and scanned, the manifest is not written yet. */
  default void afterTableWritten(String table, String location) {}

  /** Every table is written; the manifest is about to be written. */
  default void beforeCommit(Manifest manifest) {}
}
