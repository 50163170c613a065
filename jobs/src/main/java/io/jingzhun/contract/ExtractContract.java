package io.jingzhun.contract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The contract of one departmental extract ({@code schemas/extracts/<name>.json}): its columns, key
 * and the staged Spark schema derived from them. Immutable; load with {@link ExtractContracts}.
 */
public final class ExtractContract implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Lineage columns every staged row carries (schemas/README.md). */
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_LINE = "source_line";
  public static final String RECORD_KEY = "record_key";

  private final String name;
  private final String title;
  private final String titleZh;
  private final String department;
  private final String description;
  private final List<String> key;
  private final List<Column> columns;

  ExtractContract(
      String name,
      String title,
      String titleZh,
      String department,
      String description,
      List<String> key,
      List<Column> columns) {
    this.name = name;
    this.title = title;
    this.titleZh = titleZh;
    this.department = department;
    this.description = description;
    this.key = List.copyOf(key);
    this.columns = List.copyOf(columns);
  }

  /** The table name, e.g. {@code households}. */
  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  public String titleZh() {
    return titleZh;
  }

  public String department() {
    return department;
  }

  public String description() {
    return description;
  }

  /** The columns that identify a record; two records with the same key are duplicates. */
  public List<String> key() {
    return key;
  }

  public List<Column> columns() {
    return columns;
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The fields of the typed contract columns, in contract order (no lineage). */
  public List<StructField> stagedValueFields() {
    List<StructField> out = new ArrayList<>();
    for (Column c : columns) {
      out.addAll(c.stagedFields());
    }
    return out;
  }

  /**
   * The lineage fields: source_file, source_line, record_key. Never null in practice, but declared
   * nullable because that is how Parquet files written by Spark read back.
   */
  public static List<StructField> lineageFields() {
    return List.of(
        DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, true),
        DataTypes.createStructField(SOURCE_LINE, DataTypes.IntegerType, true),
        DataTypes.createStructField(RECORD_KEY, DataTypes.StringType, true));
  }

  /** The schema of {@code staged/<name>}: the typed columns, then the lineage columns. */
  public StructType stagedSchema() {
    List<StructField> fields = stagedValueFields();
    fields.addAll(lineageFields());
    return DataTypes.createStructType(fields);
  }

  /** The record key of a line: {@code <table>:<file>:<line>}. */
  public String recordKey(String sourceFile, int sourceLine) {
    return name + ":" + sourceFile + ":" + sourceLine;
  }

  @Override
  public String toString() {
    return "extract contract " + name;
  }
}
