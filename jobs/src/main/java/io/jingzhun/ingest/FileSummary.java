package io.jingzhun.ingest;

import java.util.List;

/**
 * What was read from one file.
 *
 * @param sourceFile path under the landing date folder
 * @param format csv, jsonl or parquet
 * @param encoding the text encoding found (or configured); "parquet" for Parquet files
 * @param rowsRead records read (blank lines are not records)
 * @param blankLines empty lines skipped
 * @param ignoredColumns headers or keys that are not contract columns, so were not read
 */
public record FileSummary(
    String sourceFile, String format, String encoding, long rowsRead, long blankLines, List<String> ignoredColumns) {
  public FileSummary {
    ignoredColumns = List.copyOf(ignoredColumns);
  }
}
