package io.jingzhun.index;

import static io.jingzhun.common.Preconditions.checkArgument;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Changes over time between two rounds (REFERENCE §1): absolute Δ = X₂ − X₁, relative Δ/X₁,
 * annualised absolute Δ/T and annualised relative (X₂/X₁)^(1/T) − 1, for H, A and M0 of every k and
 * subgroup present in both rounds. Standard errors treat the rounds as independent samples
 * (separate surveys or registry snapshots: Var(Δ) = Var₁ + Var₂) and use the delta method for the
 * relative forms.
 */
public final class Changes {
  private Changes() {}

  /**
   * @param earlier measures of the first round ({@link MpiResult#measures()})
   * @param later measures of the second round, same spec and groupings
   * @param years time between the rounds (T), greater than 0
   */
  public static Dataset<Row> between(Dataset<Row> earlier, Dataset<Row> later, double years, List<String> groupCols) {
    checkArgument(years > 0, "expected the years between rounds to be greater than 0, got %s", years);
    List<String> keys = new ArrayList<>();
    keys.add("grouping");
    keys.addAll(groupCols);
    keys.add("k");
    Dataset<Row> a = earlier;
    Dataset<Row> b = later;
    Column on = lit(true);
    for (String k : keys) {
      b = b.withColumnRenamed(k, "r2_" + k);
      on = on.and(AlkireFoster.q(k).eqNullSafe(col("`r2_" + k + "`")));
    }
    List<Column> base = new ArrayList<>();
    for (String k : keys) {
      base.add(AlkireFoster.q(k));
    }
    Dataset<Row> joined = a.select(withMeasures(base, "")).join(
        b.select(withMeasures(renamed(keys), "2")), on);
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String m : List.of("H", "A", "M0")) {
      Column x1 = col(m);
      Column x2 = col(m + "2");
      Column v1 = col("se_" + m).multiply(col("se_" + m));
      Column v2 = col("se_" + m + "2").multiply(col("se_" + m + "2"));
      Column ratio = x2.divide(x1);
      Column relative = when(x1.gt(0), ratio.minus(1));
      // d(x2/x1) = dx2/x1 − x2·dx1/x1²
      Column seRatio = when(x1.gt(0), sqrt(v2.divide(x1.multiply(x1))
          .plus(v1.multiply(x2.multiply(x2)).divide(pow(x1, 4)))));
      Column annualRel = when(x1.gt(0), pow(ratio, 1.0 / years).minus(1));
      // d(r^(1/T)) = (1/T)·r^(1/T − 1)·dr
      Column seAnnualRel = when(x1.gt(0).and(x2.gt(0)),
          pow(ratio, 1.0 / years - 1).multiply(seRatio).divide(years));
      List<Column> cols = new ArrayList<>(base);
      cols.add(lit(m).as("measure"));
      cols.add(lit(years).as("years"));
      cols.add(x1.as("earlier"));
      cols.add(x2.as("later"));
      cols.add(col("se_" + m).as("se_earlier"));
      cols.add(col("se_" + m + "2").as("se_later"));
      cols.add(x2.minus(x1).as("absolute"));
      cols.add(sqrt(v1.plus(v2)).as("se_absolute"));
      cols.add(relative.as("relative"));
      cols.add(seRatio.as("se_relative"));
      cols.add(x2.minus(x1).divide(years).as("annualised_absolute"));
      cols.add(sqrt(v1.plus(v2)).divide(years).as("se_annualised_absolute"));
      cols.add(annualRel.as("annualised_relative"));
      cols.add(seAnnualRel.as("se_annualised_relative"));
      parts.add(joined.select(cols.toArray(Column[]::new)));
    }
    Dataset<Row> out = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.unionByName(parts.get(i));
    }
    return out;
  }

  private static List<Column> renamed(List<String> keys) {
    List<Column> cols = new ArrayList<>();
    for (String k : keys) {
      cols.add(col("`r2_" + k + "`"));
    }
    return cols;
  }

  private static Column[] withMeasures(List<Column> keys, String suffix) {
    List<Column> cols = new ArrayList<>(keys);
    for (String m : List.of("H", "A", "M0")) {
      cols.add(col(m).as(m + suffix));
      cols.add(col("se_" + m).as("se_" + m + suffix));
    }
    return cols.toArray(Column[]::new);
  }
}
