package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ChangesTest {
  private static double d(Row r, String f) {
    return r.getDouble(r.fieldIndex(f));
  }

  @Test
  void absoluteRelativeAndAnnualisedChangesWithStandardErrors() {
    // Round 2: b gets water (x4 = 1), so at k = 1/2 only c stays poor: M0 from .375 to .25.
    Dataset<Row> later = AfExample.people().withColumn("x4", when(col("id").equalTo("b"), 1.0).otherwise(col("x4")));
    MpiResult r1 = AlkireFoster.compute(AfExample.people(), AfExample.spec(), Map.of(), List.of(List.of("region")));
    MpiResult r2 = AlkireFoster.compute(later, AfExample.spec(), Map.of(), List.of(List.of("region")));
    Dataset<Row> changes = Changes.between(r1.measures(), r2.measures(), 2.0, List.of("region"));
    Row m0 = changes.filter(col("k").equalTo(0.5).and(col("grouping").isNull()).and(col("measure").equalTo("M0")))
        .collectAsList().get(0);
    assertThat(d(m0, "earlier")).isCloseTo(0.375, within(1e-12));
    assertThat(d(m0, "later")).isCloseTo(0.25, within(1e-12));
    assertThat(d(m0, "absolute")).isCloseTo(-0.125, within(1e-12));
    assertThat(d(m0, "relative")).isCloseTo(-1.0 / 3, within(1e-12));
    assertThat(d(m0, "annualised_absolute")).isCloseTo(-0.0625, within(1e-12));
    assertThat(d(m0, "annualised_relative")).isCloseTo(Math.sqrt(0.25 / 0.375) - 1, within(1e-12));
    double se1 = d(m0, "se_earlier");
    double se2 = d(m0, "se_later");
    assertThat(d(m0, "se_absolute")).isCloseTo(Math.sqrt(se1 * se1 + se2 * se2), within(1e-12));
    // Delta method for r = x2/x1: Var(r) = Var2/x1² + x2²·Var1/x1⁴.
    double seRel = Math.sqrt(se2 * se2 / (0.375 * 0.375) + 0.25 * 0.25 * se1 * se1 / Math.pow(0.375, 4));
    assertThat(d(m0, "se_relative")).isCloseTo(seRel, within(1e-12));
    assertThat(d(m0, "se_annualised_relative"))
        .isCloseTo(0.5 * Math.pow(0.25 / 0.375, -0.5) * seRel, within(1e-12));
    // Subgroups are matched: north loses its poor person (b), south is unchanged.
    Row north = changes.filter(col("k").equalTo(0.5).and(col("region").equalTo("north")).and(col("measure").equalTo("H")))
        .collectAsList().get(0);
    assertThat(d(north, "absolute")).isCloseTo(-0.5, within(1e-12));
    Row south = changes.filter(col("k").equalTo(0.5).and(col("region").equalTo("south")).and(col("measure").equalTo("M0")))
        .collectAsList().get(0);
    assertThat(d(south, "absolute")).isEqualTo(0.0);
    assertThat(changes.count()).isEqualTo(4 * 3 * 3);
  }
}
