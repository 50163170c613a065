package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Persons as connected components of accepted links, with the giant-cluster guard: a component
 * with more profiles than the limit is refused (blank or shared values can chain thousands of
 * records together). Its probabilistic links are dropped and its profiles keep only their pass-1
 * (equal valid ID) links; the dropped links go to the review queue.
 */
final class Clusters {
  private Clusters() {}

  /**
   * @param clusterOf profile_id → cluster (every profile; unlinked ones are their own cluster)
   * @param keptEdges the accepted links that hold after the guard
   * @param refusedEdges probabilistic links dropped by the guard (empty when none)
   * @param refusedSizes profile counts of the refused clusters, ascending
   * @param largestProfiles size of the largest cluster before the guard
   */
  record Assignment(Dataset<Row> clusterOf, Dataset<Row> keptEdges, Dataset<Row> refusedEdges,
      List<Long> refusedSizes, long largestProfiles) {}

  /**
   * @param profileIds column profile_id
   * @param edges columns profile_l, profile_r, pass ('deterministic', 'probabilistic' or 'sole_candidate'), ...
   */
  static Assignment assign(Dataset<Row> profileIds, Dataset<Row> edges, int maxProfiles, int maxIterations) {
    Dataset<Row> components = ConnectedComponents.run(
        edges.selectExpr("profile_l AS src", "profile_r AS dst"), maxIterations);
    Dataset<Row> sizes = components.groupBy("component").count().persist(StorageLevel.MEMORY_AND_DISK());
    Row stats = sizes.selectExpr("coalesce(max(count), 1)", "count_if(count > " + maxProfiles + ")").first();
    long largest = stats.getLong(0);
    if (stats.getLong(1) == 0) {
      return new Assignment(clusterOf(profileIds, components), edges, edges.limit(0), List.of(), largest);
    }
    Dataset<Row> giant = sizes.where("count > " + maxProfiles);
    List<Long> refusedSizes = giant.select("count").collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
    Dataset<Row> refusedProfiles = components
        .join(broadcast(giant.select(col("component").as("giant"))), col("component").equalTo(col("giant")))
        .select(col("id").as("refused_profile"));
    Dataset<Row> inRefused = edges.join(refusedProfiles, col("profile_l").equalTo(col("refused_profile")))
        .drop("refused_profile");
    Dataset<Row> kept = edges.join(refusedProfiles, col("profile_l").equalTo(col("refused_profile")), "left_anti")
        .unionByName(inRefused.where("pass = 'deterministic'"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> fallback = ConnectedComponents.run(kept.selectExpr("profile_l AS src", "profile_r AS dst"), maxIterations);
    return new Assignment(clusterOf(profileIds, fallback), kept, inRefused.where("pass <> 'deterministic'"),
        refusedSizes, largest);
  }

  private static Dataset<Row> clusterOf(Dataset<Row> profileIds, Dataset<Row> components) {
    return profileIds.join(components, profileIds.col("profile_id").equalTo(components.col("id")), "left")
        .select(col("profile_id"), expr("coalesce(component, profile_id)").as("cluster"));
  }
}
