package io.jingzhun.ingest;

import java.util.List;

/**
 * One CSV record as read: the physical line it starts on (1-based), its fields, its original text
 * (without the line ending), whether a line ending closed it, and whether it ended inside quotes.
 */
record CsvRecord(int line, List<String> fields, String raw, boolean terminated, boolean openQuote) {
  /** A line with nothing on it: no record at all. */
  boolean blank() {
    return raw.isEmpty();
  }
}
