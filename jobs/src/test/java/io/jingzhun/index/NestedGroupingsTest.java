package io.jingzhun.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Several groupings, nested and crossed, over a spec with cardinal indicators (whose normalised gaps
 * the engine keeps in working columns of its own): every subgroup keeps its own values and types,
 * and each grouping has exactly one row per subgroup and k.
 */
class NestedGroupingsTest {
  @Test
  void nestedGroupingsKeepTheirValuesAndDecomposeTheTotal() {
    Dataset<Row> people = AfExample.people()
        .withColumn("county", org.apache.spark.sql.functions.lit("630222"))
        .withColumn("village", org.apache.spark.sql.functions.expr("IF(id IN ('a', 'c'), '630222100201', '630222100202')"));
    MpiResult r = AlkireFoster.compute(people, AfExample.spec(), Map.of(),
        List.of(List.of("county"), List.of("county", "region"), List.of("county", "region", "village")));
    Dataset<Row> m = r.measures();
    assertThat(m.schema().apply("village").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(m.schema().apply("region").dataType()).isEqualTo(DataTypes.StringType);
    // 4 k × (1 population + 1 county + 2 regions + 4 region×village pairs).
    assertThat(m.count()).isEqualTo(4 * (1 + 1 + 2 + 4));
    List<Row> villages = m.filter(col("grouping").equalTo("county,region,village").and(col("k").equalTo(0.5)))
        .orderBy("region", "village").collectAsList();
    assertThat(villages).extracting(v -> v.<String>getAs("region") + "/" + v.<String>getAs("village"))
        .containsExactly("north/630222100201", "north/630222100202", "south/630222100201", "south/630222100202");
    // At k = 1/2 the poor are b (north, village 2, score 1/2) and c (south, village 1, score 1).
    assertThat(((Number) villages.get(1).getAs("M0")).doubleValue()).isCloseTo(0.5, within(1e-12));
    assertThat(((Number) villages.get(2).getAs("M0")).doubleValue()).isCloseTo(1.0, within(1e-12));
    assertThat(((Number) villages.get(0).getAs("M0")).doubleValue()).isCloseTo(0.0, within(1e-12));
    Row county = m.filter(col("grouping").equalTo("county").and(col("k").equalTo(0.5))).first();
    assertThat(((Number) county.getAs("M0")).doubleValue()).isCloseTo(0.375, within(1e-12));
    assertThat(((Number) county.getAs("M1")).doubleValue()).isCloseTo(0.205529, within(1e-6));
  }
}
