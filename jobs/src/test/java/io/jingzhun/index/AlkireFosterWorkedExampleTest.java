package io.jingzhun.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known answers: Alkire & Foster (2011), four people, four indicators, equal weights (REFERENCE §1). */
class AlkireFosterWorkedExampleTest {
  private static final double EPS = 1e-6;
  private static MpiResult result;

  @BeforeAll
  static void compute() {
    result = AlkireFoster.compute(AfExample.people(), AfExample.spec(), Map.of(), List.of(List.of("region")));
  }

  private static Row measure(double k, String region) {
    List<Row> rows = result.measures()
        .filter(col("k").equalTo(k))
        .filter(region == null ? col("grouping").isNull() : col("region").equalTo(region))
        .collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static double d(Row r, String f) {
    return r.getDouble(r.fieldIndex(f));
  }

  @Test
  void headlineMeasuresAtEveryK() {
    // k as a share: 1, 2, 3, 4 of 4 deprivations; {H, A, M0, M1, M2} computed by hand from the gaps.
    double[][] expected = {
      {0.25, 0.75, 7.0 / 12, 0.4375, 0.2107372, 0.1658911},
      {0.50, 0.50, 0.75, 0.375, 0.2055288, 0.1654570},
      {0.75, 0.25, 1.0, 0.25, 0.1169872, 0.0921063},
      {1.00, 0.25, 1.0, 0.25, 0.1169872, 0.0921063},
    };
    for (double[] e : expected) {
      Row r = measure(e[0], null);
      assertThat(r.getLong(r.fieldIndex("n"))).isEqualTo(4);
      assertThat(d(r, "H")).as("H at k=%s", e[0]).isCloseTo(e[1], within(EPS));
      assertThat(d(r, "A")).as("A at k=%s", e[0]).isCloseTo(e[2], within(EPS));
      assertThat(d(r, "M0")).as("M0 at k=%s", e[0]).isCloseTo(e[3], within(EPS));
      assertThat(d(r, "M1")).as("M1 at k=%s", e[0]).isCloseTo(e[4], within(EPS));
      assertThat(d(r, "M2")).as("M2 at k=%s", e[0]).isCloseTo(e[5], within(EPS));
      assertThat(d(r, "M0")).isCloseTo(d(r, "H") * d(r, "A"), within(1e-12));
    }
    assertThat(measure(0.5, null).getLong(measure(0.5, null).fieldIndex("q"))).isEqualTo(2);
  }

  @Test
  void censoredAndUncensoredHeadcountsAndContributions() {
    List<Row> rows = result.indicators().filter(col("k").equalTo(0.5).and(col("grouping").isNull())).collectAsList();
    assertThat(rows).extracting(r -> r.getString(r.fieldIndex("indicator")))
        .containsExactly("income", "schooling", "health", "water");
    double[] censored = {0.25, 0.5, 0.25, 0.5};
    double[] uncensored = {0.25, 0.75, 0.25, 0.5};
    double sumAbs = 0;
    double sumPct = 0;
    for (int j = 0; j < 4; j++) {
      Row r = rows.get(j);
      assertThat(d(r, "censored")).isCloseTo(censored[j], within(1e-12));
      assertThat(d(r, "uncensored")).isCloseTo(uncensored[j], within(1e-12));
      assertThat(d(r, "contribution")).isCloseTo(0.25 * censored[j] / 0.375, within(1e-12));
      sumAbs += d(r, "contribution_absolute");
      sumPct += d(r, "contribution");
    }
    assertThat(sumAbs).as("M0 = Σ w_j h_j").isCloseTo(0.375, within(1e-12));
    assertThat(sumPct).isCloseTo(1.0, within(1e-12));

    List<Row> dims = result.dimensions().filter(col("k").equalTo(0.5).and(col("grouping").isNull())).collectAsList();
    assertThat(dims).extracting(r -> r.getString(r.fieldIndex("dimension")))
        .containsExactly("living", "education", "health");
    // living = income + water: 0.25·0.25 + 0.25·0.5 = 0.1875 of 0.375.
    assertThat(d(dims.get(0), "contribution_absolute")).isCloseTo(0.1875, within(1e-12));
    assertThat(d(dims.get(0), "contribution")).isCloseTo(0.5, within(1e-12));
    assertThat(d(dims.get(0), "weight")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void subgroupsDecomposeTheTotalAtEveryK() {
    for (double k : List.of(0.25, 0.5, 0.75, 1.0)) {
      Row total = measure(k, null);
      double sum = 0;
      double contributions = 0;
      for (String region : List.of("north", "south")) {
        Row g = measure(k, region);
        assertThat(g.getString(g.fieldIndex("grouping"))).isEqualTo("region");
        assertThat(d(g, "population_share")).isCloseTo(0.5, within(1e-12));
        sum += d(g, "population_share") * d(g, "M0");
        contributions += d(g, "contribution");
      }
      assertThat(sum).as("M0 = Σ φ_l M0_l at k=%s", k).isCloseTo(d(total, "M0"), within(1e-12));
      assertThat(contributions).isCloseTo(1.0, within(1e-12));
    }
    // At k = 1/2: north has b (score 1/2) → M0 = 0.25; south has c (score 1) → M0 = 0.5.
    assertThat(d(measure(0.5, "north"), "M0")).isCloseTo(0.25, within(1e-12));
    assertThat(d(measure(0.5, "south"), "M0")).isCloseTo(0.5, within(1e-12));
    assertThat(d(measure(0.5, "south"), "contribution")).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void perUnitScoresPoorFlagsAndBands() {
    List<Row> units = result.units().orderBy("id").collectAsList();
    assertThat(units).extracting(r -> r.getDouble(r.fieldIndex("score"))).containsExactly(0.0, 0.5, 1.0, 0.25);
    assertThat(units).extracting(r -> r.getBoolean(r.fieldIndex("poor_k0_5"))).containsExactly(false, true, true, false);
    assertThat(units).extracting(r -> r.getDouble(r.fieldIndex("censored_score_k0_5"))).containsExactly(0.0, 0.5, 1.0, 0.0);
    assertThat(units).extracting(r -> r.getString(r.fieldIndex("band_k0_5")))
        .containsExactly("not_poor", "poor", "poor", "not_poor");
    assertThat(units.get(2).getDouble(units.get(2).fieldIndex("gap_income"))).isCloseTo(0.5 / 13, within(1e-12));
    assertThat(units.get(1).getBoolean(units.get(1).fieldIndex("deprived_water"))).isTrue();
  }
}
