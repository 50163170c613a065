package io.jingzhun.contract;

import java.util.Arrays;

/**
 * One input field brought to its staged form: the values of the column's staged fields (in the order
 * of {@link Column#stagedFields()}, Spark external types: String, Integer, Double, java.sql.Date,
 * Boolean, String[]), and the quarantine reason when the value cannot be used (null when it can).
 */
public final class FieldValue {
  private final Object[] values;
  private final String reason;

  FieldValue(Object[] values, String reason) {
    this.values = values.clone();
    this.reason = reason;
  }

  /** A copy of the staged values. */
  public Object[] values() {
    return values.clone();
  }

  public Object value(int i) {
    return values[i];
  }

  public int size() {
    return values.length;
  }

  /** e.g. {@code BAD_DATE:birth_date}; null when the value is usable (possibly null). */
  public String reason() {
    return reason;
  }

  public boolean usable() {
    return reason == null;
  }

  @Override
  public String toString() {
    return (reason == null ? "ok" : reason) + " " + Arrays.deepToString(values);
  }
}
