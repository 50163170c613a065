package io.jingzhun.contract;

/**
 * Machine-readable reasons a row goes to quarantine. Stable: they are data that auditors filter on.
 * Field-level reasons are written {@code CODE:column} (e.g. {@code BAD_DATE:birth_date}); row-level
 * reasons stand alone (e.g. {@code DUPLICATE_ROW}).
 */
public enum ReasonCode {
  /** A required column is empty. */
  MISSING_VALUE,
  /** Text that does not have the expected shape (pattern, digits of an administrative code). */
  BAD_FORMAT,
  /** Not a number. */
  BAD_NUMBER,
  /** Not a date in any accepted format, or not a real date. */
  BAD_DATE,
  /** Not one of the accepted yes/no spellings. */
  BAD_BOOLEAN,
  /** Not a canonical code nor any accepted spelling of one. */
  UNKNOWN_CODE,
  /** A number or date outside the contract's bounds. */
  OUT_OF_RANGE,
  /** A CSV record with more or fewer fields than the header. */
  WRONG_FIELD_COUNT,
  /** A JSON Lines record that is not a JSON object. */
  MALFORMED_RECORD,
  /** The exact text of an earlier record of the same table (the first is kept). */
  DUPLICATE_ROW,
  /** The same contract key as an earlier record with different content (the first is kept). */
  DUPLICATE_KEY;

  /** {@code CODE:column}. */
  public String forColumn(String column) {
    return name() + ":" + column;
  }
}
