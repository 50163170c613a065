package io.jingzhun.publish;

import java.util.List;

/** The final scan found something that must not be published; nothing was committed. */
public final class PublishRefusedException extends IllegalStateException {
  private final String table;
  private final List<String> problems;

  public PublishRefusedException(String table, List<String> problems) {
    super("refused to publish table '" + table + "' (nothing was published): " + String.join("; ", problems));
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
