package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ClustersTest {
  static Map<Long, Long> clusters(Clusters.Assignment a) {
    Map<Long, Long> out = new HashMap<>();
    a.clusterOf().collectAsList().forEach(r -> out.put(r.getLong(0), r.getLong(1)));
    return out;
  }

  static Dataset<Row> profiles(int n) {
    List<String> rows = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add(String.valueOf(i));
    }
    return Fixtures.table("profile_id BIGINT", rows);
  }

  static final String EDGE = "profile_l BIGINT, profile_r BIGINT, pass STRING";

  static Row link(long l, long r, String pass, double probability) {
    return org.apache.spark.sql.RowFactory.create(0L, l, r, pass, probability);
  }

  @Test
  void aClusterIsRebuiltStrongestLinkFirstWithoutJoiningAnExcludedPair() {
    // 1 and 3 have different valid IDs; 2 (no ID) matches both, 1 better. 4 shares 3's ID (pass 1).
    Clusters.Rebuilt r = Clusters.rebuild(List.of(
            link(2, 3, "probabilistic", 0.97), link(1, 2, "probabilistic", 0.999), link(3, 4, "deterministic", 1.0)),
        java.util.Set.of(List.of(1L, 3L), List.of(1L, 4L)));
    assertThat(r.cluster()).containsEntry(1L, 1L).containsEntry(2L, 1L).containsEntry(3L, 3L).containsEntry(4L, 3L);
    assertThat(r.refused()).extracting(x -> List.of(x.getLong(0), x.getLong(1))).containsExactly(List.of(2L, 3L));
  }

  @Test
  void aClusterWithoutExcludedPairsIsRebuiltWhole() {
    Clusters.Rebuilt r = Clusters.rebuild(List.of(link(5, 6, "probabilistic", 0.99), link(6, 7, "sole_candidate", 0.6)),
        java.util.Set.of());
    assertThat(r.cluster()).containsEntry(5L, 5L).containsEntry(6L, 5L).containsEntry(7L, 5L);
    assertThat(r.refused()).isEmpty();
  }

  @Test
  void chainsBecomeOneClusterAndGiantClustersAreRefusedDownToPass1Links() {
    // 1-2 (ID), 2-3-4-5 (model): 5 profiles; 6-7 (model); 8 alone; 9-10 chain written backwards.
    Dataset<Row> edges = Fixtures.table(EDGE, List.of("1, 2, 'deterministic'", "2, 3, 'probabilistic'",
        "4, 3, 'probabilistic'", "5, 4, 'probabilistic'", "6, 7, 'probabilistic'", "10, 9, 'probabilistic'"));
    Map<Long, Long> open = clusters(Clusters.assign(profiles(10), edges, 100, 20));
    assertThat(List.of(open.get(1L), open.get(3L), open.get(5L))).containsOnly(1L);
    assertThat(open.get(7L)).isEqualTo(6L);
    assertThat(open.get(8L)).isEqualTo(8L);
    assertThat(open.get(10L)).isEqualTo(9L);

    Clusters.Assignment guarded = Clusters.assign(profiles(10), edges, 4, 20);
    assertThat(guarded.refusedSizes()).containsExactly(5L);
    assertThat(guarded.largestProfiles()).isEqualTo(5);
    Map<Long, Long> c = clusters(guarded);
    assertThat(c.get(2L)).isEqualTo(1L);          // the pass-1 link survives
    assertThat(c.get(3L)).isEqualTo(3L);          // model links of the giant cluster are dropped
    assertThat(c.get(5L)).isEqualTo(5L);
    assertThat(c.get(7L)).isEqualTo(6L);          // other clusters untouched
    assertThat(guarded.refusedEdges().count()).isEqualTo(3);
  }

  @Test
  void unionFindOnTheDriverAndLabelPropagationInSparkGiveTheSameComponents() {
    // A random forest-and-cycles graph over 3,000 vertices, with self-loops and repeated edges. Vertex
    // ids are profile hashes: any long, negative and Long.MIN_VALUE included (enough of them for the
    // driver's vertex index to grow several times).
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    java.util.function.LongUnaryOperator id = k -> k == 1 ? Long.MIN_VALUE : k * 0x9E3779B97F4A7C15L;
    List<String> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 3_600; i++) {
      long a = 1 + r.nextInt(3_000);
      long b = r.nextInt(10) == 0 ? a : 1 + r.nextInt(3_000);
      rows.add(id.applyAsLong(a) + ", " + id.applyAsLong(b));
    }
    rows.add(id.applyAsLong(1) + ", " + id.applyAsLong(2));
    Dataset<Row> edges = Fixtures.table("src BIGINT, dst BIGINT", rows);
    Map<Long, Long> driver = new HashMap<>();
    ConnectedComponents.run(edges, 60, 100_000).collectAsList().forEach(x -> driver.put(x.getLong(0), x.getLong(1)));
    Map<Long, Long> spark = new HashMap<>();
    ConnectedComponents.run(edges, 60, 0).collectAsList().forEach(x -> spark.put(x.getLong(0), x.getLong(1)));
    assertThat(driver).isEqualTo(spark).hasSizeGreaterThan(2_000);
    assertThat(driver.get(id.applyAsLong(2))).as("Long.MIN_VALUE is a vertex like any other").isEqualTo(Long.MIN_VALUE);
    assertThat(new java.util.HashSet<>(driver.values())).as("several components").hasSizeGreaterThan(5);
    // Over the limit, the driver is not used: the same answer comes from Spark.
    Map<Long, Long> overLimit = new HashMap<>();
    ConnectedComponents.run(edges, 60, 100).collectAsList().forEach(x -> overLimit.put(x.getLong(0), x.getLong(1)));
    assertThat(overLimit).isEqualTo(spark);
  }
}
