package io.jingzhun.publish;

import java.util.List;

/** A table does not match its published contract; nothing was published. */
public final class ContractViolationException extends IllegalArgumentException {
  private final String table;
  private final List<String> problems;

  public ContractViolationException(String table, String contractSource, List<String> problems) {
    super("table '" + table + "' does not match its contract " + contractSource + ": "
        + String.join("; ", problems));
    this.table = table;
    this.problems = List.copyOf(problems);
  }

  public String table() {
    return table;
  }

  public List<String> problems() {
    return problems;
  }
}
