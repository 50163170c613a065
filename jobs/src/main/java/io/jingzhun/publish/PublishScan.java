package io.jingzhun.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The last look at a table before it is committed, in one pass over the written Parquet: row count,
 * content checksum, and the personal-data guard — no string anywhere that looks like an 18-character
 * ID number (defence in depth: pseudonyms and masks should already have replaced them), pseudonym
 * columns hold pseudonyms, masked columns hold masks, required columns have no nulls. Problems name
 * the table, the column and how many values; never a value.
 */
final class PublishScan {
  /**
   * Seventeen digits and a digit or X, not part of a longer run of letters or digits (so a hex
   * pseudonym never matches, while an ID inside free text does).
   */
  static final String ID_NUMBER_LIKE = "(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])";

  private PublishScan() {}

  record Result(long rows, String contentChecksum, List<String> problems) {}

  static Result scan(Dataset<Row> table, PublishedContract contract) {
    List<Column> aggregates = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    aggregates.add(count(lit(1)));
    Column[] all = table.columns().length == 0 ? new Column[] {lit(0)}
        : java.util.Arrays.stream(table.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    // Sum as decimal: wide enough for any row count, order-independent, no overflow.
    aggregates.add(coalesce(sum(xxhash64(all).cast("decimal(38,0)")), lit(0).cast("decimal(38,0)")));
    for (StructField f : table.schema().fields()) {
      Column c = col("`" + f.name() + "`");
      if (f.dataType().equals(DataTypes.StringType)) {
        add(aggregates, labels, c.rlike(ID_NUMBER_LIKE),
            "column '" + f.name() + "': %d value(s) look like 18-character ID numbers");
      } else if (f.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
        add(aggregates, labels, functions.exists(c, x -> x.rlike(ID_NUMBER_LIKE)),
            "column '" + f.name() + "': %d list(s) hold values that look like 18-character ID numbers");
      }
    }
    for (ContractColumn cc : contract.columns()) {
      Column c = col("`" + cc.name() + "`");
      if (cc.required()) {
        add(aggregates, labels, c.isNull(), "column '" + cc.name() + "': %d null(s) in a required column");
      }
      if (cc.pseudonym().isPresent()) {
        add(aggregates, labels, c.isNotNull().and(functions.not(c.rlike(Pseudonyms.FORMAT))),
            "column '" + cc.name() + "': %d value(s) are not pseudonyms (expected 32 hex characters from Pseudonyms)");
      }
      if (cc.masked().isPresent()) {
        add(aggregates, labels, c.isNotNull().and(length(c).gt(0)).and(functions.not(c.contains("*"))),
            "column '" + cc.name() + "': %d value(s) are not masked (expected Masks." 
                + ("name".equals(cc.masked().get()) ? "name" : "idNumber") + ")");
      }
    }
    Row r = table.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      long n = r.isNullAt(i + 2) ? 0 : r.getLong(i + 2);
      if (n > 0) {
        problems.add(String.format(labels.get(i), n));
      }
    }
    return new Result(r.getLong(0), r.getDecimal(1).toPlainString(), problems);
  }

  private static void add(List<Column> aggregates, List<String> labels, Column condition, String label) {
    aggregates.add(sum(when(condition, 1L).otherwise(0L)));
    labels.add(label);
  }
}
