package io.jingzhun.ingest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reconciliation of one table's ingest: every row read is either staged or quarantined.
 *
 * @param table the table
 * @param files what was read from each file
 * @param rowsRead records read from all files
 * @param rowsStaged rows in {@code staged/<table>/run_date=D} (counted from what was written)
 * @param rowsQuarantined rows in {@code quarantine/<table>/run_date=D} (counted from what was written)
 * @param quarantineByReason quarantined rows per reason (a row may have several reasons)
 * @param staged where the staged rows are
 * @param quarantine where the quarantined rows are
 * @param seconds wall time of reading, typing and writing this table
 */
public record TableSummary(
    String table,
    List<FileSummary> files,
    long rowsRead,
    long rowsStaged,
    long rowsQuarantined,
    Map<String, Long> quarantineByReason,
    String staged,
    String quarantine,
    double seconds) {

  public TableSummary {
    files = List.copyOf(files);
    quarantineByReason = Collections.unmodifiableMap(new TreeMap<>(quarantineByReason));
  }

  /** rows read = rows staged + rows quarantined. */
  public boolean reconciled() {
    return rowsRead == rowsStaged + rowsQuarantined;
  }
}
