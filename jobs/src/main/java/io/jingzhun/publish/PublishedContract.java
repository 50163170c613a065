package io.jingzhun.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The documented contract of one published table ({@code schemas/published/<table>.json}):
 * dashboards and planners depend on exactly these columns and types.
 *
 * @param source where the contract was read from, for error messages
 */
public record PublishedContract(
    String name,
    String title,
    String titleZh,
    String description,
    List<String> key,
    List<ContractColumn> columns,
    String source) {

  public PublishedContract {
    key = List.copyOf(key);
    columns = List.copyOf(columns);
  }

  /**
   * Checks a table's schema against this contract and lists every difference: a column the
   * contract does not have (never published, so nothing leaks by accident), a contract column
   * missing, or a different type. Empty when the schema conforms.
   */
  public List<String> problems(StructType schema) {
    List<String> problems = new ArrayList<>();
    Map<String, StructField> given = new HashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (StructField f : schema.fields()) {
      if (given.put(f.name(), f) != null) {
        duplicates.add(f.name());
      }
    }
    for (String d : duplicates) {
      problems.add("column '" + d + "' appears more than once");
    }
    Map<String, ContractColumn> expected = new HashMap<>();
    for (ContractColumn c : columns) {
      expected.put(c.name(), c);
    }
    for (StructField f : schema.fields()) {
      if (!expected.containsKey(f.name())) {
        problems.add("column '" + f.name() + "' is not in the contract (add it to " + source
            + " with a description, or drop it before publishing)");
      }
    }
    for (ContractColumn c : columns) {
      StructField f = given.get(c.name());
      if (f == null) {
        problems.add("column '" + c.name() + "' of the contract is missing");
      } else if (!f.dataType().catalogString().equals(c.dataType().catalogString())) {
        problems.add("column '" + c.name() + "' has type " + f.dataType().catalogString()
            + ", the contract says " + c.type() + " (" + c.dataType().catalogString() + ")");
      }
    }
    return problems;
  }

  /** Throws {@link ContractViolationException} listing every problem, when there is any. */
  public void check(StructType schema) {
    List<String> problems = problems(schema);
    if (!problems.isEmpty()) {
      throw new ContractViolationException(name, source, problems);
    }
  }

  /** The table's columns in the contract's order (a stable layout for readers). */
  public Dataset<Row> conform(Dataset<Row> table) {
    check(table.schema());
    Column[] cols = columns.stream().map(c -> functions.col("`" + c.name() + "`")).toArray(Column[]::new);
    return table.select(cols);
  }

  /** The columns of the contract, by name. */
  public List<String> columnNames() {
    return columns.stream().map(ContractColumn::name).toList();
  }
}
