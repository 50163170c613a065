package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LineageTest {
  static Dataset<Row> households(SparkSession spark) {
    return spark.range(0, 2000).selectExpr("concat('H', id % 300) AS household_id", "id AS member_no");
  }

  static int exchanges(Dataset<Row> query) {
    String plan = query.queryExecution().executedPlan().toString();
    return plan.split("Exchange hashpartitioning", -1).length - 1;
  }

  @Test
  void aCutSpreadByAKeyIsReadInPlaceByLaterGroupingsAndJoinsOnThatKey() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> spread = Lineage.cutSpreadBy(households(spark), "household_id");
    Dataset<Row> plain = Lineage.cut(households(spark));
    assertThat(exchanges(plain.groupBy("household_id").count())).isEqualTo(1);
    assertThat(exchanges(spread.groupBy("household_id").count())).isZero();
    // a sort-merge join (the heads are small enough to be broadcast otherwise): only the other side moves
    Dataset<Row> heads = spark.range(0, 300).selectExpr("concat('H', id) AS household_id", "id AS head")
        .hint("merge");
    assertThat(exchanges(plain.join(heads, "household_id"))).isEqualTo(2);
    assertThat(exchanges(spread.join(heads, "household_id"))).isEqualTo(1);
    assertThat(spread.groupBy("household_id").count().count()).isEqualTo(300);
    assertThat(spread.exceptAll(households(spark)).count()).isZero();
    assertThat(households(spark).exceptAll(spread).count()).isZero();
  }

  @Test
  void adaptiveExecutionIsAsItWasAfterACutSpreadByAKey() {
    SparkSession spark = TestSpark.get();
    String key = "spark.sql.adaptive.enabled";
    String before = spark.conf().get(key);
    try {
      for (String setting : new String[] {"true", "false"}) {
        spark.conf().set(key, setting);
        Lineage.cutSpreadBy(households(spark), "household_id");
        assertThat(spark.conf().get(key)).isEqualTo(setting);
      }
      spark.conf().set(key, "true");
      assertThatThrownBy(() -> Lineage.cutSpreadBy(households(spark).selectExpr("1 / 0 AS boom", "household_id")
          .where("boom > 0 OR assert_true(false) IS NULL"), "household_id"))
          .isInstanceOf(Exception.class).hasMessageContaining("is not true");
      assertThat(spark.conf().get(key)).isEqualTo("true");
    } finally {
      spark.conf().set(key, before);
    }
  }

  @Test
  void aCutSpreadByNothingIsRefused() {
    assertThatThrownBy(() -> Lineage.cutSpreadBy(households(TestSpark.get())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at least one key");
  }
}
