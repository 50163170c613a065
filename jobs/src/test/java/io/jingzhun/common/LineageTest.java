package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.expr;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

public class LineageTest {
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
  void aCutTellsThePlannerItsRealSizeSoThatASmallCutIsBroadcast() {
    SparkSession spark = TestSpark.get();
    // Spark estimates a filter at its input's size: 2 M ids (16 MB) estimated, 100 kept.
    Dataset<Row> ids = spark.range(0, 2_000_000).toDF("id");
    Dataset<Row> few = spark.range(0, 2_000_000).toDF("id").where("id % 20000 = 0");
    Dataset<Row> cut = Lineage.cut(few);
    var stats = cut.queryExecution().optimizedPlan().stats();
    assertThat(stats.rowCount().get().longValue()).isEqualTo(100);
    assertThat(stats.sizeInBytes().longValue()).isBetween(800L, 100_000L);
    String uncut = ids.join(few, "id").queryExecution().sparkPlan().toString();
    String planned = ids.join(cut, "id").queryExecution().sparkPlan().toString();
    assertThat(uncut).contains("SortMergeJoin").doesNotContain("BroadcastHashJoin");
    assertThat(planned).contains("BroadcastHashJoin").doesNotContain("SortMergeJoin");
    assertThat(ids.join(cut, "id").count()).isEqualTo(100);
    // an empty cut is still a size the planner can use
    assertThat(Lineage.cut(ids.where("id < 0")).queryExecution().optimizedPlan().stats().rowCount().get().longValue())
        .isZero();
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
  void aCutGivesBackEveryRowAndValueOfEveryKindItHolds() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> rows = spark.range(0, 25_000).selectExpr(
        "id", "IF(id % 7 = 0, NULL, concat('名', id)) AS name", "CAST(id % 3 AS INT) AS small",
        "IF(id % 5 = 0, NULL, id / 3.0D) AS score", "CAST(id / 7 AS DECIMAL(12, 2)) AS amount",
        "date_add(DATE'2026-01-01', CAST(id % 400 AS INT)) AS day", "id % 2 = 0 AS even",
        "IF(id % 11 = 0, NULL, array(concat('r', id % 4), NULL)) AS rules",
        "named_struct('code', concat('H', id % 300), 'size', id % 9) AS household",
        "map('k', id % 13) AS counts", "CAST(concat('b', id) AS BINARY) AS raw",
        "TIMESTAMP'2026-11-27 01:00:00' + make_interval(0, 0, 0, 0, 0, 0, id) AS seen")
        .repartition(3);
    Dataset<Row> cut = Lineage.cut(rows);
    assertThat(cut.schema()).isEqualTo(rows.schema());
    assertThat(cut.count()).isEqualTo(25_000);
    // set operations refuse maps: compare them as their entries
    Dataset<Row> comparableCut = cut.withColumn("counts", expr("map_entries(counts)"));
    Dataset<Row> comparableRows = rows.withColumn("counts", expr("map_entries(counts)"));
    assertThat(comparableCut.exceptAll(comparableRows).count()).isZero();
    assertThat(comparableRows.exceptAll(comparableCut).count()).isZero();
    // read again, narrowed to some columns: the same values
    assertThat(cut.select("name", "rules", "household.code").exceptAll(rows.select("name", "rules", "household.code"))
        .count()).isZero();
    assertThat(cut.where("name IS NULL").count()).isEqualTo(rows.where("name IS NULL").count());
    Lineage.release(cut);
  }

  @Test
  void aCutSpreadByNothingIsRefused() {
    assertThatThrownBy(() -> Lineage.cutSpreadBy(households(TestSpark.get())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at least one key");
  }

  /** Ids of the RDDs whose rows Spark holds (memory or disk). */
  public static java.util.Set<Integer> held(SparkSession spark) {
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    Arrays.stream(spark.sparkContext().getRDDStorageInfo()).forEach(info -> ids.add(info.id()));
    return ids;
  }

  /** Id of the RDD that holds the rows of the (first) cut a dataset reads. */
  public static int rddOf(Dataset<Row> dataset) {
    return Lineage.stored((org.apache.spark.sql.execution.LogicalRDD) scala.collection.JavaConverters
        .seqAsJavaList(dataset.queryExecution().logical().collectLeaves()).get(0)).id();
  }

  @Test
  void aReleasedCutHoldsNoRowsAndCannotBeReadAgain() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> cut = Lineage.cut(households(spark));
    assertThat(held(spark)).contains(rddOf(cut));
    Dataset<Row> perHousehold = cut.groupBy("household_id").count();
    Lineage.release(perHousehold); // what it reads directly: the cut
    assertThat(held(spark)).doesNotContain(rddOf(cut));
    assertThatThrownBy(cut::count).hasStackTraceContaining("rdd_" + rddOf(cut));
  }

  @Test
  void aDatasetThatReadsNoCutIsRefused() {
    assertThatThrownBy(() -> Lineage.release(households(TestSpark.get())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a dataset made by Lineage.cut");
  }

  @Test
  void aScopeReleasesItsCutsButThoseItKeepsOnFailureToo() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> kept;
    Dataset<Row> early;
    Dataset<Row> spread;
    Dataset<Row> other;
    try (Lineage.Scope cuts = new Lineage.Scope()) {
      early = cuts.cut(households(spark));
      spread = cuts.cutSpreadBy(households(spark), "household_id");
      kept = cuts.keep(cuts.cut(spread.groupBy("household_id").count()));
      cuts.release(early);
      assertThat(held(spark)).doesNotContain(rddOf(early)).contains(rddOf(spread), rddOf(kept));
      other = Lineage.cut(households(spark));
      Dataset<Row> foreign = other;
      assertThatThrownBy(() -> cuts.release(foreign)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a cut of this scope");
      assertThatThrownBy(() -> cuts.keep(kept)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(held(spark)).doesNotContain(rddOf(spread)).contains(rddOf(kept), rddOf(other));
    assertThat(kept.count()).isEqualTo(300);
    Lineage.release(kept);
    Lineage.release(other);

    Dataset<Row>[] made = new Dataset[1];
    assertThatThrownBy(() -> {
      try (Lineage.Scope cuts = new Lineage.Scope()) {
        made[0] = cuts.cut(households(spark));
        throw new IllegalStateException("a step failed");
      }
    }).hasMessage("a step failed");
    assertThat(held(spark)).doesNotContain(rddOf(made[0]));
  }
}
