package io.jingzhun.quality;

import java.util.Arrays;
import java.util.List;

/** The kinds of rule an auditor can write in {@code conf/quality/<table>.yaml}. */
public enum RuleKind {
  /** Share of rows where a column has a value. */
  COMPLETENESS("completeness"),
  /** Share of rows whose key (one or more columns) occurs once. */
  UNIQUENESS("uniqueness"),
  /** Values (or every element of a code list) among the contract's codes, an explicit list or a reference list. */
  ALLOWED_VALUES("allowed_values"),
  /** Numbers within min and max (inclusive). */
  RANGE("range"),
  /** Share of resident ID numbers that are valid: {@code <column>_issue} is null. */
  ID_VALIDITY("id_validity"),
  /** Values found in a column of another table (members → households). */
  REFERENCES("references"),
  /** A code starting with another code (village code starts with its township code). */
  PREFIX("prefix"),
  /** Output consistency: a column equals the product of others within a tolerance (M0 = H × A). */
  PRODUCT("product"),
  /** Table size consistent with another table's (within a relative tolerance). */
  ROW_COUNT("row_count");

  private final String code;

  RuleKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Row-level kinds judge each row, so their failing rows can be counted, sampled and quarantined. */
  public boolean rowLevel() {
    return this != ROW_COUNT;
  }

  static RuleKind fromCode(String code) {
    for (RuleKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    return null;
  }

  static List<String> codes() {
    return Arrays.stream(values()).map(RuleKind::code).toList();
  }
}
