package io.jingzhun.ingest;

import io.jingzhun.contract.Column;
import io.jingzhun.contract.ExtractContract;
import io.jingzhun.contract.FieldValue;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one record's field texts into a typed row: the staged columns, the lineage, the original
 * text and the quarantine reasons (empty when the row can be staged). Serializable, used in tasks.
 */
final class RecordTyper implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String RAW = "raw";
  static final String REASONS = "reasons";

  private final ExtractContract contract;
  private final LocalDate runDate;
  private final int valueWidth;

  RecordTyper(ExtractContract contract, LocalDate runDate) {
    this.contract = contract;
    this.runDate = runDate;
    this.valueWidth = contract.stagedValueFields().size();
  }

  ExtractContract contract() {
    return contract;
  }

  /** Staged columns, lineage, then {@code raw} and {@code reasons}. */
  StructType typedSchema() {
    List<StructField> fields = new ArrayList<>(List.of(contract.stagedSchema().fields()));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false));
    return DataTypes.createStructType(fields);
  }

  /**
   * Types a record whose texts are aligned with the contract's columns (null: absent or empty).
   */
  Row type(String[] texts, String sourceFile, int line, String raw) {
    Object[] values = new Object[valueWidth + 5];
    List<String> reasons = new ArrayList<>(2);
    int at = 0;
    List<Column> cols = contract.columns();
    for (int c = 0; c < cols.size(); c++) {
      FieldValue v = cols.get(c).normalise(texts[c], runDate);
      for (int i = 0; i < v.size(); i++) {
        values[at++] = v.value(i);
      }
      if (!v.usable()) {
        reasons.add(v.reason());
      }
    }
    return finish(values, sourceFile, line, raw, reasons);
  }

  /** A record that could not be split into fields: nothing typed, only the reason. */
  Row unreadable(String reason, String sourceFile, int line, String raw) {
    return finish(new Object[valueWidth + 5], sourceFile, line, raw, List.of(reason));
  }

  private Row finish(Object[] values, String sourceFile, int line, String raw, List<String> reasons) {
    values[valueWidth] = sourceFile;
    values[valueWidth + 1] = line;
    values[valueWidth + 2] = contract.recordKey(sourceFile, line);
    values[valueWidth + 3] = raw;
    values[valueWidth + 4] = reasons.toArray(new String[0]);
    return RowFactory.create(values);
  }
}
