package io.jingzhun.generate;

/**
 * Data defects planted for ingestion to set aside: each lands in quarantine with the reason of the
 * same name (ingestion's reason codes). Variations that ingestion repairs (date formats, full-width
 * digits, ID forms) are recorded in the truth too, with kind {@code data} and a {@code staged:}
 * expectation, under the codes of {@link Variation}.
 */
public enum DataDefect {
  MISSING_VALUE,
  BAD_DATE,
  UNKNOWN_CODE,
  OUT_OF_RANGE,
  DUPLICATE_ROW,
  DUPLICATE_KEY;

  /** Repairable variations, recorded as data defects with an expected staged value. */
  public enum Variation {
    DATE_FORMAT,
    FULL_WIDTH_DIGITS,
    ID_FIFTEEN_DIGITS,
    ID_FULL_WIDTH,
    ID_LOWER_CASE_X,
    ID_SPACES,
    ID_MISTYPED,
    ID_MISSING
  }
}
