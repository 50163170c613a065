package io.jingzhun.contract;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The value types of extract columns, as spelled in {@code schemas/extracts/*.json}. */
public enum ColumnType {
  STRING("string"),
  INTEGER("integer"),
  DECIMAL("decimal"),
  DATE("date"),
  BOOLEAN("boolean"),
  CODE("code"),
  CODE_LIST("code_list"),
  ADMIN_CODE("admin_code"),
  PERSON_NAME("person_name"),
  RESIDENT_ID("resident_id");

  private final String spelling;

  ColumnType(String spelling) {
    this.spelling = spelling;
  }

  /** The name used in contract files. */
  public String spelling() {
    return spelling;
  }

  /** The type spelled so in a contract, or null when there is none. */
  static ColumnType fromSpelling(String s) {
    for (ColumnType t : values()) {
      if (t.spelling.equals(s)) {
        return t;
      }
    }
    return null;
  }

  static String spellings() {
    return Arrays.stream(values()).map(ColumnType::spelling).collect(Collectors.joining(", "));
  }
}
