package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jingzhun.common.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Standard errors against independent computations written out here: the textbook s/√n for the simple
 * case, and the survey (Taylor linearisation) formula PSU by PSU for the design-based case.
 */
class StandardErrorsTest {

  private static Row measure(MpiResult r, double k, String grouping, String value) {
    return r.measures().filter(col("k").equalTo(k)
        .and(grouping == null ? col("grouping").isNull() : col(grouping).equalTo(value))).collectAsList().get(0);
  }

  private static double d(Row r, String f) {
    return r.getDouble(r.fieldIndex(f));
  }

  @Test
  void simpleStandardErrorsAreTheTextbookOnes() {
    MpiResult r = AlkireFoster.compute(AfExample.people(), AfExample.spec(), Map.of(), List.of());
    Row m = measure(r, 0.5, null, null);
    // H: poor = (0, 1, 1, 0), a mean of a 0/1 variable: √(H(1 − H)/(n − 1)).
    assertThat(d(m, "se_H")).isCloseTo(Math.sqrt(0.25 / 3), within(1e-12));
    // M0: censored scores (0, .5, 1, 0), mean .375: s/√n with s² = Σ(c − .375)²/(n − 1).
    double s2 = (0.140625 + 0.015625 + 0.390625 + 0.140625) / 3;
    assertThat(d(m, "se_M0")).isCloseTo(Math.sqrt(s2 / 4), within(1e-12));
    // A over the poor, as a ratio: z = (c − A·poor)/q → (0, −.125, .125, 0); Var = n/(n−1) Σ z².
    assertThat(d(m, "se_A")).isCloseTo(Math.sqrt(4.0 / 3 * 2 * 0.015625), within(1e-12));
    // 95% CI with t on n − 1 = 3 degrees of freedom.
    double t = new TDistribution(3).inverseCumulativeProbability(0.975);
    assertThat(d(m, "ci_H_low")).isCloseTo(0.5 - t * Math.sqrt(0.25 / 3), within(1e-12));
    assertThat(m.getLong(m.fieldIndex("df"))).isEqualTo(3);
  }

  /** A small stratified two-stage sample: 3 strata, 2–3 PSUs each, unequal weights, 2 regions. */
  private record Unit(String id, String stratum, String psu, double w, boolean d1, boolean d2, boolean d3, String region) {
    double score() {
      return ((d1 ? 1 : 0) + (d2 ? 1 : 0) + (d3 ? 1 : 0)) / 3.0;
    }
  }

  private static List<Unit> sample() {
    List<Unit> units = new ArrayList<>();
    String[][] design = {{"s1", "p1"}, {"s1", "p2"}, {"s1", "p3"}, {"s2", "p4"}, {"s2", "p5"}, {"s3", "p6"}, {"s3", "p7"}};
    long seed = 42;
    int id = 0;
    for (String[] sp : design) {
      for (int j = 0; j < 4; j++) {
        seed = (seed * 6364136223846793005L + 1442695040888963407L);
        int bits = (int) (seed >>> 40);
        units.add(new Unit("u" + id++, sp[0], sp[1], 1 + (bits & 7) / 2.0,
            (bits & 8) != 0, (bits & 16) != 0 && (bits & 32) != 0, (bits & 64) != 0,
            (bits & 128) != 0 ? "east" : "west"));
      }
    }
    return units;
  }

  private static Dataset<Row> frame(List<Unit> units) {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("stratum", DataTypes.StringType)
        .add("psu", DataTypes.StringType).add("w", DataTypes.DoubleType).add("d1", DataTypes.BooleanType)
        .add("d2", DataTypes.BooleanType).add("d3", DataTypes.BooleanType).add("region", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Unit u : units) {
      rows.add(RowFactory.create(u.id(), u.stratum(), u.psu(), u.w(), u.d1(), u.d2(), u.d3(), u.region()));
    }
    return TestSpark.get().createDataFrame(rows, schema);
  }

  static final String DESIGN_SPEC = """
      name: design
      unit: person
      id: id
      weight: w
      strata: stratum
      psu: psu
      k: [1/3, 2/3]
      indicators:
        - {name: a, deprived_if: "d1", weight: 1/3}
        - {name: b, deprived_if: "d2", weight: 1/3}
        - {name: c, deprived_if: "d3", weight: 1/3}
      """;

  /**
   * Var(R̂) for R = Σw·y/Σw·x over the units in {@code inGroup}: z_u = w(y − R·x)/Σw·x for group
   * members (0 otherwise), z_hi = Σ z_u over PSU i, Var = Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)², n_h
   * counting every PSU of stratum h in the sample.
   */
  private static double linearisedVariance(List<Unit> units, double k, String region, int which) {
    double num = 0;
    double den = 0;
    for (Unit u : units) {
      if (region != null && !u.region().equals(region)) {
        continue;
      }
      double[] yx = yx(u, k, which);
      num += u.w() * yx[0];
      den += u.w() * yx[1];
    }
    double ratio = num / den;
    Map<String, Map<String, Double>> psuTotals = new TreeMap<>();
    for (Unit u : units) {
      double z = 0;
      if (region == null || u.region().equals(region)) {
        double[] yx = yx(u, k, which);
        z = u.w() * (yx[0] - ratio * yx[1]) / den;
      }
      psuTotals.computeIfAbsent(u.stratum(), s -> new TreeMap<>()).merge(u.psu(), z, Double::sum);
    }
    double variance = 0;
    for (Map<String, Double> psus : psuTotals.values()) {
      int nh = psus.size();
      double mean = psus.values().stream().mapToDouble(Double::doubleValue).sum() / nh;
      double ss = psus.values().stream().mapToDouble(z -> (z - mean) * (z - mean)).sum();
      variance += nh > 1 ? nh / (nh - 1.0) * ss : 0;
    }
    return variance;
  }

  /** {y, x} of a unit for H (0), M0 (1), A (2). */
  private static double[] yx(Unit u, double k, int which) {
    boolean poor = u.score() >= k - 1e-9;
    double censored = poor ? u.score() : 0;
    return switch (which) {
      case 0 -> new double[] {poor ? 1 : 0, 1};
      case 1 -> new double[] {censored, 1};
      default -> new double[] {censored, poor ? 1 : 0};
    };
  }

  @Test
  void designBasedStandardErrorsFollowTheLinearisationFormula() {
    List<Unit> units = sample();
    MpiResult r = AlkireFoster.compute(frame(units), IndicatorSpecReader.parse(DESIGN_SPEC, "design.yaml"),
        Map.of(), List.of(List.of("region")));
    double t = new TDistribution(7 - 3).inverseCumulativeProbability(0.975);
    int checked = 0;
    for (double k : List.of(1.0 / 3, 2.0 / 3)) {
      for (String region : new String[] {null, "east", "west"}) {
        Row m = measure(r, k, region == null ? null : "region", region);
        String[] names = {"H", "M0", "A"};
        for (int which = 0; which < 3; which++) {
          if (m.isNullAt(m.fieldIndex(names[which]))) {
            continue;
          }
          double se = Math.sqrt(linearisedVariance(units, k, region, which));
          assertThat(d(m, "se_" + names[which])).as("se_%s k=%s region=%s", names[which], k, region)
              .isCloseTo(se, within(1e-9));
          assertThat(d(m, "ci_" + names[which] + "_high"))
              .isCloseTo(d(m, names[which]) + t * se, within(1e-9));
          checked++;
        }
        assertThat(m.getLong(m.fieldIndex("df"))).isEqualTo(4);
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
  }

  @Test
  void withoutPsusEveryUnitIsItsOwnPsu() {
    List<Unit> units = sample();
    List<Unit> ownPsu = units.stream()
        .map(u -> new Unit(u.id(), u.stratum(), u.id(), u.w(), u.d1(), u.d2(), u.d3(), u.region())).toList();
    String noPsu = DESIGN_SPEC.replace("psu: psu\n", "");
    MpiResult r = AlkireFoster.compute(frame(units), IndicatorSpecReader.parse(noPsu, "nopsu.yaml"), Map.of(),
        List.of(List.of("region")));
    Row m = measure(r, 1.0 / 3, "region", "east");
    assertThat(d(m, "se_M0")).isCloseTo(Math.sqrt(linearisedVariance(ownPsu, 1.0 / 3, "east", 1)), within(1e-9));
    assertThat(d(m, "se_A")).isCloseTo(Math.sqrt(linearisedVariance(ownPsu, 1.0 / 3, "east", 2)), within(1e-9));
    assertThat(m.getLong(m.fieldIndex("df"))).isEqualTo(units.size() - 3);
  }
}
