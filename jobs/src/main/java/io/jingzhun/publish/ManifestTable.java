package io.jingzhun.publish;

import java.util.List;

/**
 * One table of a committed publish, as its manifest lists it.
 *
 * @param location the table's Parquet folder, relative to {@code <warehouse>/published}
 * @param rows row count
 * @param schemaFingerprint SHA-256 (first 16 hex) of the column names and types, in order
 * @param contentChecksum order-independent sum of the rows' 64-bit hashes: equal tables, equal sums
 * @param columns {@code name type} per column, in order (for readers without Spark)
 */
public record ManifestTable(
    String location, long rows, String schemaFingerprint, String contentChecksum, List<String> columns) {
  public ManifestTable {
    columns = List.copyOf(columns);
  }
}
