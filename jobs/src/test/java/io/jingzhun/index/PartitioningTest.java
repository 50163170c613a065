package io.jingzhun.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The same numbers, to the last bit, whatever the partitioning of the input. */
class PartitioningTest {
  @Test
  void oneAndEightPartitionsGiveIdenticalResults() {
    Dataset<Row> units = MpiBenchmark.synthetic(io.jingzhun.common.TestSpark.get(), 3000)
        .selectExpr("*", "concat('s', pmod(hash(id, 21), 5)) AS stratum", "concat('p', pmod(hash(id, 22), 40)) AS psu");
    String spec = MpiBenchmark.SPEC.replace("weight: members\n", "weight: members\nstrata: stratum\npsu: psu\n");
    IndicatorSpec s = IndicatorSpecReader.parse(spec, "bench.yaml");
    List<List<String>> by = List.of(List.of("county"), List.of("county", "village"));
    MpiResult one = AlkireFoster.compute(units.repartition(1), s, Map.of(), by);
    MpiResult eight = AlkireFoster.compute(units.repartition(8).sortWithinPartitions("income"), s, Map.of(), by);
    List<Row> m1 = one.measures().collectAsList();
    assertThat(m1.size()).isGreaterThan(150);
    assertThat(eight.measures().collectAsList()).isEqualTo(m1);
    assertThat(eight.indicators().collectAsList()).isEqualTo(one.indicators().collectAsList());
    assertThat(eight.dimensions().collectAsList()).isEqualTo(one.dimensions().collectAsList());
  }
}
