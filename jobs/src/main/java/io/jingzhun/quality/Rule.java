package io.jingzhun.quality;

import java.util.List;

/**
 * One rule of a rule file, as an auditor wrote it (validated on load). Fields that a kind does not use
 * are null or empty.
 *
 * @param columns the column(s) judged; uniqueness may name several, other kinds one
 * @param minShare share of rows (0..1) that must pass; 1 means every row
 * @param quarantine failing rows go to {@code quarantine/<table>_rules/run_date=D} (staged tables only)
 * @param values explicit allowed values
 * @param valuesFrom {@code contract}, {@code programmes} or {@code admin_codes:<level>}
 * @param refTable, refColumn the referenced staged table and column (references)
 * @param otherColumn the prefix column (prefix)
 * @param factors the factor columns (product)
 * @param tolerance absolute tolerance (product) or relative tolerance (row_count)
 * @param likeTable the table whose row count this table's must match (row_count)
 * @param countMissing id_validity: whether a missing ID counts as invalid
 */
public record Rule(
    String name,
    RuleKind kind,
    Level level,
    String description,
    List<String> columns,
    double minShare,
    boolean quarantine,
    List<String> values,
    String valuesFrom,
    Double min,
    Double max,
    String refTable,
    String refColumn,
    String otherColumn,
    List<String> factors,
    double tolerance,
    String likeTable,
    boolean countMissing) {

  public Rule {
    columns = List.copyOf(columns);
    values = values == null ? List.of() : List.copyOf(values);
    factors = factors == null ? List.of() : List.copyOf(factors);
  }

  /** The single column of a one-column rule. */
  public String column() {
    return columns.isEmpty() ? null : columns.get(0);
  }
}
