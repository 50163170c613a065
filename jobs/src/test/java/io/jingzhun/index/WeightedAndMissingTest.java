package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jingzhun.common.TestSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Population weights and the missing-value policy, checked by hand. */
class WeightedAndMissingTest {
  private static final String WEIGHTED = AfExample.SPEC.replace("id: id\n", "id: id\nweight: size\n");

  private static Row population(MpiResult r, double k) {
    return r.measures().filter(col("k").equalTo(k).and(col("grouping").isNull())).collectAsList().get(0);
  }

  private static double d(Row r, String f) {
    return r.getDouble(r.fieldIndex(f));
  }

  @Test
  void householdSizesWeighEveryMeasure() {
    // Sizes a=1, b=2, c=3, d=4 (10 people). Scores a 0, b 1/2, c 1, d 1/4.
    Dataset<Row> people = AfExample.people().withColumn("size",
        when(col("id").equalTo("a"), 1).when(col("id").equalTo("b"), 2).when(col("id").equalTo("c"), 3).otherwise(4));
    MpiResult r = AlkireFoster.compute(people, IndicatorSpecReader.parse(WEIGHTED, "w.yaml"), Map.of(), List.of());
    // k = 1/2: b and c poor → H = 5/10; censored scores 2·0.5 + 3·1 = 4 → M0 = 0.4, A = 4/5.
    Row half = population(r, 0.5);
    assertThat(half.getLong(half.fieldIndex("q"))).isEqualTo(2);
    assertThat(d(half, "population")).isEqualTo(10.0);
    assertThat(d(half, "H")).isCloseTo(0.5, within(1e-12));
    assertThat(d(half, "M0")).isCloseTo(0.4, within(1e-12));
    assertThat(d(half, "A")).isCloseTo(0.8, within(1e-12));
    // M1: gap sums b 5/12 + 1, c 0.5/13 + 2/12 + 2/3 + 1, weighted by 2 and 3, times 1/4, over 10.
    double m1 = (2 * (5.0 / 12 + 1) + 3 * (0.5 / 13 + 2.0 / 12 + 2.0 / 3 + 1)) * 0.25 / 10;
    assertThat(d(half, "M1")).isCloseTo(m1, within(1e-12));
    // k = 1/4: d (size 4, score 1/4) joins → H = 9/10, M0 = (1 + 3 + 1)/10, A = 5/9.
    Row quarter = population(r, 0.25);
    assertThat(d(quarter, "H")).isCloseTo(0.9, within(1e-12));
    assertThat(d(quarter, "M0")).isCloseTo(0.5, within(1e-12));
    assertThat(d(quarter, "A")).isCloseTo(5.0 / 9, within(1e-12));
    List<Row> inds = r.indicators().filter(col("k").equalTo(0.5).and(col("grouping").isNull())).collectAsList();
    assertThat(d(inds.get(0), "censored")).as("income: only c (3 of 10)").isCloseTo(0.3, within(1e-12));
    assertThat(d(inds.get(1), "uncensored")).as("schooling: b, c, d").isCloseTo(0.9, within(1e-12));
  }

  @Test
  void aWeightEqualsReplicatedUnits() {
    Dataset<Row> weighted = AfExample.people().withColumn("size", when(col("id").equalTo("c"), 3).otherwise(1));
    Dataset<Row> replicated = AfExample.people().unionByName(AfExample.people().filter("id = 'c'"))
        .unionByName(AfExample.people().filter("id = 'c'")).withColumn("size", when(col("id").isNotNull(), 1));
    IndicatorSpec spec = IndicatorSpecReader.parse(WEIGHTED, "w.yaml");
    MpiResult byWeight = AlkireFoster.compute(weighted, spec, Map.of(), List.of());
    MpiResult byRows = AlkireFoster.compute(replicated, spec, Map.of(), List.of());
    for (double k : List.of(0.25, 0.5, 0.75, 1.0)) {
      Row a = population(byWeight, k);
      Row b = population(byRows, k);
      for (String m : List.of("H", "A", "M0", "M1", "M2")) {
        assertThat(d(a, m)).as("%s at k=%s", m, k).isCloseTo(d(b, m), within(1e-12));
      }
    }
  }

  private static Dataset<Row> withMissingIncome() {
    StructType schema = AfExample.people().schema();
    return AfExample.people().unionByName(TestSpark.get().createDataFrame(
        List.of(RowFactory.create("e", "south", null, 1.0, 1.0, 0.0)), schema));
  }

  @Test
  void missingValuesExcludeByDefaultAndAreCounted() {
    MpiResult r = AlkireFoster.compute(withMissingIncome(), AfExample.spec(), Map.of(), List.of(List.of("region")));
    Row half = population(r, 0.5);
    assertThat(half.getLong(half.fieldIndex("n"))).isEqualTo(4);
    assertThat(half.getLong(half.fieldIndex("excluded"))).isEqualTo(1);
    assertThat(d(half, "M0")).as("the original four").isCloseTo(0.375, within(1e-12));
    Row e = r.units().filter("id = 'e'").collectAsList().get(0);
    assertThat(e.getBoolean(e.fieldIndex("excluded"))).isTrue();
    assertThat(e.getString(e.fieldIndex("exclusion_reason"))).isEqualTo("missing:income");
    assertThat(e.isNullAt(e.fieldIndex("score"))).isTrue();
  }

  @Test
  void missingValuesCanCountAsDeprivedOrNot() {
    String deprived = AfExample.SPEC.replace("k: [", "missing: deprived\nk: [");
    MpiResult r = AlkireFoster.compute(withMissingIncome(), IndicatorSpecReader.parse(deprived, "m.yaml"), Map.of(), List.of());
    // e: income missing → deprived (gap 1), schooling 1 < 12, health 1 < 3, water 0 < 1 → score 1.
    Row e = r.units().filter("id = 'e'").collectAsList().get(0);
    assertThat(e.getDouble(e.fieldIndex("score"))).isEqualTo(1.0);
    assertThat(population(r, 0.5).getLong(population(r, 0.5).fieldIndex("n"))).isEqualTo(5);
    String notDeprived = AfExample.SPEC.replace("k: [", "missing: not_deprived\nk: [");
    MpiResult r2 = AlkireFoster.compute(withMissingIncome(), IndicatorSpecReader.parse(notDeprived, "m.yaml"), Map.of(), List.of());
    Row e2 = r2.units().filter("id = 'e'").collectAsList().get(0);
    assertThat(e2.getDouble(e2.fieldIndex("score"))).isEqualTo(0.75);
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> AlkireFoster.compute(AfExample.people().drop("x3"), AfExample.spec(), Map.of(), List.of()))
        .hasMessageContaining("input has no column 'x3' (needed by af2011.yaml: indicators[2] (health).column)");
    Dataset<Row> text = AfExample.people().withColumn("x1",
        when(col("id").equalTo("c"), "abc").otherwise(col("x1").cast("string")));
    assertThatThrownBy(() -> AlkireFoster.compute(text, AfExample.spec(), Map.of(), List.of()))
        .hasMessageContaining("input column 'x1'").hasMessageContaining("non-numeric value 'abc' in the unit with id=c");
    assertThatThrownBy(() -> AlkireFoster.compute(AfExample.people().limit(0), AfExample.spec(), Map.of(), List.of()))
        .hasMessageContaining("the input table is empty");
    String badCondition = AfExample.SPEC.replace("x4 < 1", "x9 < 1");
    assertThatThrownBy(() -> AlkireFoster.compute(AfExample.people(), IndicatorSpecReader.parse(badCondition, "b.yaml"),
        Map.of(), List.of())).hasMessageContaining("b.yaml: indicators[3] (water).deprived_if: cannot be evaluated");
  }
}
