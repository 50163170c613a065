package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void defaultsApplyWhereNeitherTheProfileNorSparkSubmitSetsTheKey() {
    Map<String, String> settings = SparkSessions.builderSettings(Map.of(), k -> null);
    assertThat(settings)
        .containsEntry("spark.sql.adaptive.enabled", "true")
        .containsEntry("spark.sql.session.timeZone", "Asia/Shanghai")
        .containsEntry("spark.sql.shuffle.partitions", "16")
        .containsEntry("spark.ui.enabled", "false")
        .containsEntry("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold", "128m");
  }

  @Test
  void joinsOfTwoSmallShuffledSidesHashInsteadOfSortingBoth() {
    SparkSession spark = TestSpark.get();
    String broadcast = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    try {
      Dataset<Row> people = spark.range(0, 2000).selectExpr("id", "CAST(id % 97 AS STRING) AS village");
      Dataset<Row> payments = spark.range(0, 5000).selectExpr("id % 2500 AS id", "id AS amount");
      Dataset<Row> joined = people.join(payments, "id").groupBy("village").agg(functions.sum("amount").as("paid"))
          .orderBy("village");
      List<Row> rows = joined.collectAsList();
      // adaptive execution's final plan, once the shuffles have run
      String plan = ((AdaptiveSparkPlanExec) joined.queryExecution().executedPlan()).executedPlan().toString();
      assertThat(plan).contains("ShuffledHashJoin").doesNotContain("SortMergeJoin");
      // every payment of ids 0..1999 counted once: amounts id and id + 2500 for each
      long expected = 0;
      for (long id = 0; id < 2000; id++) {
        expected += id + id + 2500;
      }
      assertThat(rows.stream().mapToLong(r -> r.getLong(1)).sum()).isEqualTo(expected);
      assertThat(rows).hasSize(97);
    } finally {
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", broadcast);
    }
  }

  @Test
  void theProfileWinsOverTheDefaults() {
    Map<String, String> settings = SparkSessions.builderSettings(
        Map.of("spark.sql.adaptive.enabled", "false", "spark.sql.shuffle.partitions", "200"), k -> null);
    assertThat(settings)
        .containsEntry("spark.sql.adaptive.enabled", "false")
        .containsEntry("spark.sql.shuffle.partitions", "200")
        .containsEntry("spark.sql.parquet.compression.codec", "snappy");
  }

  @Test
  void sparkSubmitSettingsAreLeftToSparkAndNotOverriddenByTheProfileOrTheDefaults() {
    Map<String, String> submitted = Map.of("spark.sql.adaptive.enabled", "false", "spark.master", "spark://h:7077");
    Map<String, String> settings = SparkSessions.builderSettings(
        Map.of("spark.master", "local[*]", "spark.sql.shuffle.partitions", "200"), submitted::get);
    assertThat(settings)
        .doesNotContainKeys("spark.sql.adaptive.enabled", "spark.master")
        .containsEntry("spark.sql.shuffle.partitions", "200");
  }
}
