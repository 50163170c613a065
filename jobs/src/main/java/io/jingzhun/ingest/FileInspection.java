package io.jingzhun.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * What the check of one whole file found before anything is written: how to read it (encoding, which
 * field holds which contract column) or the problem that refuses it.
 *
 * @param file the file
 * @param encoding the text encoding (null for Parquet)
 * @param headers the header (CSV) or column names (Parquet); empty for JSON Lines
 * @param fieldToColumn per header position, the contract column index or -1
 * @param blankLines empty lines, which hold no record and are not counted as rows
 * @param ignoredColumns headers or JSON keys that are not contract columns (reported, not read)
 * @param problem why the whole file is refused, naming what was expected; null when it is fine
 */
record FileInspection(
    LandingFile file,
    TextEncoding encoding,
    List<String> headers,
    int[] fieldToColumn,
    long blankLines,
    List<String> ignoredColumns,
    String problem)
    implements Serializable {

  static FileInspection refused(LandingFile file, String problem) {
    return new FileInspection(file, null, List.of(), new int[0], 0, List.of(), problem);
  }

  boolean ok() {
    return problem == null;
  }

  String encodingLabel() {
    return encoding == null ? "parquet" : encoding.label();
  }
}
