package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
      sizes.unpersist(); // read only for the figures above when no cluster is refused
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

  /**
   * @param clusterOf profile_id → cluster, as it stands after the split
   * @param keptEdges the accepted links that hold
   * @param refusedEdges links dropped because they joined profiles an exclusion separates (profile_l, profile_r)
   * @param clustersSplit clusters that held such profiles
   */
  record Split(Dataset<Row> clusterOf, Dataset<Row> keptEdges, Dataset<Row> refusedEdges, long clustersSplit) {}

  /**
   * Makes clusters respect the model's exclusions. Pass 2 never links two profiles an exclusion
   * separates (two different valid IDs), but connected components can still chain them through a
   * record that matches both (a civil-affairs record without ID, same name, birth date and village as
   * two neighbours). Such a cluster is rebuilt from its own links, strongest first (pass 1, then pass 2
   * by probability, then pass 3), refusing every link that would put an excluded pair together; the
   * record in the middle stays with the profile it matches best. Only clusters of three or more
   * profiles can chain, and few do, so they are rebuilt on the driver.
   *
   * @param profiles the profile columns the exclusions read (profile_id, id_number, ...)
   * @param notExcludedSql {@link LinkageModel#notExcludedSql()}
   */
  static Split respectExclusions(Dataset<Row> clusterOf, Dataset<Row> edges, Dataset<Row> profiles,
      String notExcludedSql) {
    SparkSession spark = clusterOf.sparkSession();
    Dataset<Row> none = edges.select("profile_l", "profile_r").limit(0);
    if (notExcludedSql.equals("true")) {
      return new Split(clusterOf, edges, none, 0);
    }
    Dataset<Row> chained = clusterOf.groupBy("cluster").count().where("count >= 3").select("cluster");
    Dataset<Row> inChains = profiles.join(clusterOf.join(chained, "cluster"), "profile_id");
    List<Row> excluded = inChains.as("l").join(inChains.as("r"),
            expr("l.cluster = r.cluster AND l.profile_id < r.profile_id AND NOT (" + notExcludedSql + ")"))
        .selectExpr("l.cluster AS cluster", "l.profile_id AS profile_l", "r.profile_id AS profile_r")
        .collectAsList();
    if (excluded.isEmpty()) {
      return new Split(clusterOf, edges, none, 0);
    }
    Map<Long, Set<List<Long>>> apart = new HashMap<>();
    for (Row r : excluded) {
      apart.computeIfAbsent(r.getLong(0), k -> new HashSet<>()).add(List.of(r.getLong(1), r.getLong(2)));
    }
    Dataset<Row> affected = spark.createDataFrame(
        apart.keySet().stream().map(c -> RowFactory.create(c)).toList(),
        new StructType().add("cluster", DataTypes.LongType));
    Dataset<Row> affectedProfiles = clusterOf.join(broadcast(affected), "cluster");
    List<Row> links = edges.join(affectedProfiles.selectExpr("profile_id AS profile_l", "cluster"), "profile_l")
        .selectExpr("cluster", "profile_l", "profile_r", "pass", "coalesce(match_probability, 0D)")
        .collectAsList();
    Map<Long, List<Row>> linksOf = new HashMap<>();
    for (Row r : links) {
      linksOf.computeIfAbsent(r.getLong(0), k -> new ArrayList<>()).add(r);
    }
    List<Row> relabel = new ArrayList<>();
    List<Row> refused = new ArrayList<>();
    for (Map.Entry<Long, List<Row>> c : linksOf.entrySet()) {
      Rebuilt rebuilt = rebuild(c.getValue(), apart.getOrDefault(c.getKey(), Set.of()));
      rebuilt.cluster().forEach((profile, cluster) -> relabel.add(RowFactory.create(profile, cluster)));
      refused.addAll(rebuilt.refused());
    }
    Dataset<Row> newLabels = spark.createDataFrame(relabel,
        new StructType().add("relabel_profile", DataTypes.LongType).add("new_cluster", DataTypes.LongType));
    Dataset<Row> refusedEdges = spark.createDataFrame(refused,
        new StructType().add("profile_l", DataTypes.LongType).add("profile_r", DataTypes.LongType));
    Dataset<Row> split = clusterOf.join(broadcast(newLabels), col("profile_id").equalTo(col("relabel_profile")), "left")
        .select(col("profile_id"), expr("coalesce(new_cluster, cluster)").as("cluster"));
    Dataset<Row> kept = edges.join(broadcast(refusedEdges), new String[] {"profile_l", "profile_r"}, "left_anti");
    return new Split(split, kept, refusedEdges, linksOf.size());
  }

  /** A cluster rebuilt: profile → cluster label (its smallest profile id), and the links refused. */
  record Rebuilt(Map<Long, Long> cluster, List<Row> refused) {}

  /**
   * Union–find over one cluster's links (cluster, profile_l, profile_r, pass, probability), strongest
   * first, never joining two sets that hold an excluded pair ([l, r] with l &lt; r).
   */
  static Rebuilt rebuild(List<Row> links, Set<List<Long>> excluded) {
    List<Row> order = new ArrayList<>(links);
    order.sort(Comparator.<Row>comparingInt(r -> passRank(r.getString(3)))
        .thenComparing(r -> -r.getDouble(4))
        .thenComparingLong(r -> r.getLong(1))
        .thenComparingLong(r -> r.getLong(2)));
    Map<Long, List<Long>> members = new HashMap<>();
    Map<Long, Long> rootOf = new HashMap<>();
    for (Row r : order) {
      for (long p : new long[] {r.getLong(1), r.getLong(2)}) {
        if (!rootOf.containsKey(p)) {
          rootOf.put(p, p);
          members.put(p, new ArrayList<>(List.of(p)));
        }
      }
    }
    List<Row> refused = new ArrayList<>();
    for (Row r : order) {
      long a = rootOf.get(r.getLong(1));
      long b = rootOf.get(r.getLong(2));
      if (a == b) {
        continue;
      }
      if (keptApart(members.get(a), members.get(b), excluded)) {
        refused.add(RowFactory.create(r.getLong(1), r.getLong(2)));
        continue;
      }
      long into = Math.min(a, b);
      long from = Math.max(a, b);
      for (long p : members.get(from)) {
        rootOf.put(p, into);
      }
      members.get(into).addAll(members.remove(from));
    }
    Map<Long, Long> cluster = new HashMap<>();
    members.forEach((root, ps) -> ps.forEach(p -> cluster.put(p, root)));
    return new Rebuilt(cluster, refused);
  }

  private static boolean keptApart(List<Long> a, List<Long> b, Set<List<Long>> excluded) {
    for (long x : a) {
      for (long y : b) {
        if (excluded.contains(List.of(Math.min(x, y), Math.max(x, y)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static int passRank(String pass) {
    return switch (pass) {
      case "deterministic" -> 0;
      case "probabilistic" -> 1;
      default -> 2;
    };
  }

  private static Dataset<Row> clusterOf(Dataset<Row> profileIds, Dataset<Row> components) {
    return profileIds.join(components, profileIds.col("profile_id").equalTo(components.col("id")), "left")
        .select(col("profile_id"), expr("coalesce(component, profile_id)").as("cluster"));
  }
}
