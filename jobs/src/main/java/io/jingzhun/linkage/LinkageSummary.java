package io.jingzhun.linkage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one linkage run did, in counts only (no personal data): safe for logs and run records.
 *
 * @param refusedClusterSizes profile counts of the clusters refused by the giant-cluster guard
 * @param clustersSplitByExclusions clusters that chained two profiles an exclusion separates, rebuilt
 * @param linksRefusedByExclusions the links their rebuilding refused (queued for review)
 */
public record LinkageSummary(
    String runDate,
    long records,
    Map<String, Long> recordsPerTable,
    long profiles,
    long deterministicPairs,
    long conflictPairs,
    long candidatePairs,
    long acceptedProbabilisticPairs,
    long uncertainPairs,
    long soleCandidatePairs,
    long persons,
    long largestClusterProfiles,
    List<Long> refusedClusterSizes,
    long clustersSplitByExclusions,
    long linksRefusedByExclusions,
    FittedModel fitted,
    String personIdKeySource,
    double seconds) {

  public LinkageSummary {
    recordsPerTable = Map.copyOf(recordsPerTable);
    refusedClusterSizes = List.copyOf(refusedClusterSizes);
  }

  public boolean emConvergedEverywhere() {
    return fitted.emPasses().stream().allMatch(FittedModel.EmPass::converged);
  }

  public Map<String, Object> toJsonTree() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_date", runDate);
    out.put("records", records);
    out.put("records_per_table", new java.util.TreeMap<>(recordsPerTable));
    out.put("profiles", profiles);
    out.put("deterministic_pairs", deterministicPairs);
    out.put("conflict_pairs", conflictPairs);
    out.put("candidate_pairs", candidatePairs);
    out.put("accepted_probabilistic_pairs", acceptedProbabilisticPairs);
    out.put("uncertain_pairs", uncertainPairs);
    out.put("sole_candidate_pairs", soleCandidatePairs);
    out.put("persons", persons);
    out.put("largest_cluster_profiles", largestClusterProfiles);
    out.put("refused_cluster_sizes", refusedClusterSizes);
    out.put("clusters_split_by_exclusions", clustersSplitByExclusions);
    out.put("links_refused_by_exclusions", linksRefusedByExclusions);
    out.put("em_converged_everywhere", emConvergedEverywhere());
    out.put("person_id_key", personIdKeySource);
    out.put("seconds", seconds);
    out.put("model", fitted.toJsonTree());
    return out;
  }

  /** A few readable lines for the console. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("linkage %s: %,d records (%s) in %,d profiles -> %,d persons in %.1f s%n",
        runDate, records, new java.util.TreeMap<>(recordsPerTable), profiles, persons, seconds));
    sb.append(String.format("  pass 1: %,d pairs on equal valid ID, %,d conflicts queued for review%n",
        deterministicPairs, conflictPairs));
    sb.append(String.format("  pass 2: %,d candidate pairs, %,d linked, %,d uncertain (review queue)%n",
        candidatePairs, acceptedProbabilisticPairs, uncertainPairs));
    sb.append(String.format("  pass 3: %,d profiles tied to their sole candidate (sole_candidate_rules)%n",
        soleCandidatePairs));
    sb.append(String.format("  lambda %.3g (%s)%n", fitted.lambda(), fitted.lambdaSource()));
    for (FittedModel.EmPass p : fitted.emPasses()) {
      sb.append(String.format("  EM on %s: %s after %d iterations (last change %.2g), trained %s%n",
          p.blockingRule(), p.converged() ? "converged" : "NOT converged (hit max_iterations)",
          p.iterations(), p.lastChange(), p.trained()));
    }
    sb.append(String.format("  largest cluster %d profiles; %d refused as giant%s%n", largestClusterProfiles,
        refusedClusterSizes.size(), refusedClusterSizes.isEmpty() ? "" : " " + refusedClusterSizes));
    sb.append(String.format("  %,d clusters chained profiles an exclusion separates: rebuilt, %,d links refused"
        + " (review queue)%n", clustersSplitByExclusions, linksRefusedByExclusions));
    sb.append("  person_id key: ").append(personIdKeySource).append('\n');
    return sb.toString();
  }
}
