package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Robustness of subgroup rankings to the choice of k: for each grouping and each pair of cutoffs, the
 * Kendall tau-b between the subgroups' M0 (and H) under the two cutoffs. Works on the aggregate
 * measures (one row per subgroup), never on units.
 */
public final class Robustness {
  /** One comparison: tau-b of the subgroups' {@code measure} between cutoffs kA and kB. */
  public record Comparison(String grouping, String measure, double kA, double kB, int groups, double tauB) {}

  private Robustness() {}

  public static List<Comparison> rankings(MpiResult result) {
    List<Double> ks = result.spec().k();
    List<Comparison> out = new ArrayList<>();
    if (ks.size() < 2) {
      return out;
    }
    for (List<String> grouping : result.groupings()) {
      String label = String.join(",", grouping);
      List<String> cols = new ArrayList<>(grouping);
      cols.add("k");
      cols.add("M0");
      cols.add("H");
      List<Row> rows = result.measures().filter(col("grouping").equalTo(label))
          .selectExpr(cols.stream().map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList();
      // subgroup key → k index → {M0, H}
      Map<List<Object>, double[][]> byGroup = new HashMap<>();
      for (Row r : rows) {
        List<Object> key = new ArrayList<>();
        for (int m = 0; m < grouping.size(); m++) {
          key.add(r.get(m));
        }
        int ki = ks.indexOf(r.getDouble(grouping.size()));
        double[][] v = byGroup.computeIfAbsent(key, x -> new double[ks.size()][2]);
        v[ki][0] = r.isNullAt(grouping.size() + 1) ? Double.NaN : r.getDouble(grouping.size() + 1);
        v[ki][1] = r.isNullAt(grouping.size() + 2) ? Double.NaN : r.getDouble(grouping.size() + 2);
      }
      for (int a = 0; a < ks.size(); a++) {
        for (int b = a + 1; b < ks.size(); b++) {
          for (int m = 0; m < 2; m++) {
            List<double[]> pairs = new ArrayList<>();
            for (double[][] v : byGroup.values()) {
              if (!Double.isNaN(v[a][m]) && !Double.isNaN(v[b][m])) {
                pairs.add(new double[] {v[a][m], v[b][m]});
              }
            }
            double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
            out.add(new Comparison(label, m == 0 ? "M0" : "H", ks.get(a), ks.get(b), x.length,
                KendallTau.tauB(x, y)));
          }
        }
      }
    }
    return out;
  }

  /** The comparisons as a table (grouping, measure, k_a, k_b, groups, kendall_tau_b). */
  public static Dataset<Row> table(SparkSession spark, List<Comparison> comparisons) {
    StructType schema = new StructType()
        .add("grouping", DataTypes.StringType).add("measure", DataTypes.StringType)
        .add("k_a", DataTypes.DoubleType).add("k_b", DataTypes.DoubleType)
        .add("groups", DataTypes.IntegerType).add("kendall_tau_b", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (Comparison c : comparisons) {
      rows.add(RowFactory.create(c.grouping(), c.measure(), c.kA(), c.kB(), c.groups(),
          Double.isNaN(c.tauB()) ? null : c.tauB()));
    }
    return spark.createDataFrame(rows, schema);
  }
}
