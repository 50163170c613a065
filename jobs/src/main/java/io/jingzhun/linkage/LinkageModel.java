package io.jingzhun.linkage;

import io.jingzhun.common.ProjectFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The comparison model of {@code conf/linkage/model.yaml}: blocking rules, comparisons with levels,
 * estimation settings, thresholds and the cluster guard. Immutable; validated on load.
 */
public record LinkageModel(
    String source,
    double fallbackMatchProbability,
    String conflictWhen,
    List<BlockingRule> exclusions,
    List<BlockingRule> blockingRules,
    Training training,
    List<Comparison> comparisons,
    List<SoleCandidateRule> soleCandidateRules,
    double acceptProbability,
    double reviewProbability,
    int maxClusterProfiles,
    int maxClusterIterations,
    String personIdKeyEnv) {

  public static final String DEFAULT_PATH = "conf/linkage/model.yaml";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public LinkageModel {
    exclusions = List.copyOf(exclusions);
    blockingRules = List.copyOf(blockingRules);
    comparisons = List.copyOf(comparisons);
    soleCandidateRules = List.copyOf(soleCandidateRules);
  }

  /** A named SQL join condition over {@code l} and {@code r}. */
  public record BlockingRule(String name, String sql) {}

  /** One level of a comparison; {@code when} is null for the last (else) level. */
  public record Level(String label, String when) {}

  /** Term-frequency adjustment of one level: u becomes the frequency of the value of {@code column}. */
  public record TermFrequency(String column, String level, double minimumU) {}

  /**
   * A comparison: levels from most to least similar, a null condition that makes it neutral,
   * the columns it reads, and an optional term-frequency adjustment.
   */
  public record Comparison(
      String name, List<String> columns, String nullWhen, List<Level> levels, TermFrequency termFrequency) {
    public Comparison {
      columns = List.copyOf(columns);
      levels = List.copyOf(levels);
    }

    /** Index of a level by label, or -1. */
    public int levelIndex(String label) {
      for (int i = 0; i < levels.size(); i++) {
        if (levels.get(i).label().equals(label)) {
          return i;
        }
      }
      return -1;
    }

    /** True when the SQL condition reads one of this comparison's columns on either side. */
    public boolean isBlockedOnBy(String sql) {
      for (String c : columns) {
        if (Pattern.compile("\\b[lr]\\s*\\.\\s*" + Pattern.quote(c) + "\\b").matcher(sql).find()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Pass 3: a profile matching {@code profileWhen}, every record of which matches {@code recordsWhen},
   * that passes 1 and 2 left without a link is tied to the one profile with a record matching
   * {@code candidateRecordsWhen} that equals it on every {@code equal} column (and satisfies
   * {@code pairWhen}, SQL over {@code l} the seeking profile and {@code r} the candidate, when not null),
   * when there is exactly one. With {@code candidateNotLinkedTo} (SQL over records), a candidate that
   * holds such a record or is linked to one by passes 1 and 2 is passed over. With
   * {@code sharedRecordValues} (record columns), the seeker's records and the candidate's records of the
   * candidate kind must have such values in common (a programme paid to both). With {@code oneRecordPer}
   * (record columns), a person holds at most one record per such values (a programme pays a payee once
   * per payday): a seeker whose records repeat one is more than one person and is not tied, and a sole
   * candidate whose records (or those of profiles linked or scored in the review band with it) share one
   * with the seeker's is someone else, so the seeker is not tied either. Rules are tried in order: a
   * profile tied by one is not tied by later ones.
   */
  public record SoleCandidateRule(String name, String profileWhen, String recordsWhen, String candidateRecordsWhen,
      List<String> equal, String pairWhen, String candidateNotLinkedTo, List<String> sharedRecordValues,
      List<String> oneRecordPer) {
    public SoleCandidateRule {
      equal = List.copyOf(equal);
      sharedRecordValues = List.copyOf(sharedRecordValues);
      oneRecordPer = List.copyOf(oneRecordPer);
    }

    /** Whether the rule compares each seeker with each candidate (else it counts candidates per key). */
    boolean pairwise() {
      return pairWhen != null || !sharedRecordValues.isEmpty() || !oneRecordPer.isEmpty();
    }
  }

  /** Settings of u sampling and EM. */
  public record Training(
      long uSamplePairs, long seed, int maxIterations, double tolerance, List<BlockingRule> blockingRules) {
    public Training {
      blockingRules = List.copyOf(blockingRules);
    }
  }

  /** The project's model ({@value #DEFAULT_PATH}). */
  public static LinkageModel load() {
    return load(DEFAULT_PATH);
  }

  public static LinkageModel load(String projectPath) {
    return parse(projectPath, ProjectFiles.read(projectPath));
  }

  /** Parses and validates model YAML; {@code source} names the file in error messages. */
  public static LinkageModel parse(String source, String yaml) {
    ConfigNode root = ConfigNode.parse(source, yaml);
    double fallback = root.object("prior").number("fallback_match_probability", 1e-12, 0.5);
    String conflict = root.object("deterministic").text("conflict_when");
    List<BlockingRule> exclusions = root.has("exclusions") ? rules(root, "exclusions") : List.of();
    List<BlockingRule> blocking = rules(root, "blocking_rules");

    ConfigNode t = root.object("training");
    Training training =
        new Training(
            t.integer("u_sample_pairs", 1_000, 1_000_000_000),
            t.integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
            t.integer("max_iterations", 1, 10_000),
            t.number("tolerance", 1e-12, 0.1),
            rules(t, "blocking_rules"));

    List<Comparison> comparisons = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode c : root.list("comparisons")) {
      String name = c.text("name");
      if (!NAME.matcher(name).matches()) {
        throw c.error("name", "expected a snake_case name, got '" + name + "'");
      }
      if (!names.add(name)) {
        throw c.error("name", "comparison '" + name + "' is defined twice");
      }
      List<Level> levels = new ArrayList<>();
      List<ConfigNode> levelNodes = c.list("levels");
      if (levelNodes.size() < 2) {
        throw c.error("levels", "expected at least two levels (one with 'when', the last without)");
      }
      Set<String> labels = new HashSet<>();
      for (int i = 0; i < levelNodes.size(); i++) {
        ConfigNode l = levelNodes.get(i);
        String label = l.text("label");
        if (!NAME.matcher(label).matches() || label.equals("missing")) {
          throw l.error("label", "expected a snake_case label other than 'missing' (the null level), got '" + label + "'");
        }
        if (!labels.add(label)) {
          throw l.error("label", "label '" + label + "' is used twice");
        }
        boolean last = i == levelNodes.size() - 1;
        if (last && l.has("when")) {
          throw l.error("when", "the last level takes every remaining pair and must have no condition");
        }
        if (!last && !l.has("when")) {
          throw l.error("when", "expected a SQL condition (only the last level has none)");
        }
        levels.add(new Level(label, last ? null : l.text("when")));
      }
      TermFrequency tf = null;
      if (c.has("term_frequency")) {
        ConfigNode tfn = c.object("term_frequency");
        tf = new TermFrequency(tfn.text("column"), tfn.text("level"), tfn.number("minimum_u", 0, 1));
        if (!labels.contains(tf.level()) || tf.level().equals(levels.get(levels.size() - 1).label())) {
          throw tfn.error("level", "expected the label of one of this comparison's levels (not the last), got '" + tf.level() + "'");
        }
      }
      comparisons.add(new Comparison(name, c.strings("columns"), c.text("null_when"), levels, tf));
    }
    if (comparisons.isEmpty()) {
      throw root.error("comparisons", "expected at least one comparison");
    }
    List<SoleCandidateRule> soleCandidates = new ArrayList<>();
    if (root.has("sole_candidate_rules")) {
      Set<String> ruleNames = new HashSet<>();
      for (ConfigNode r : root.list("sole_candidate_rules")) {
        String name = r.text("name");
        if (!ruleNames.add(name)) {
          throw r.error("name", "rule '" + name + "' is defined twice");
        }
        List<String> equal = r.strings("equal");
        for (String column : equal) {
          if (!Linkage.PROFILE_COLUMNS.contains(column)) {
            throw r.error("equal", "expected profile columns among " + Linkage.PROFILE_COLUMNS + ", got '" + column + "'");
          }
        }
        if (equal.isEmpty()) {
          throw r.error("equal", "expected at least one column");
        }
        List<String> shared = recordColumns(r, "shared_record_values");
        List<String> oneRecordPer = recordColumns(r, "one_record_per");
        soleCandidates.add(new SoleCandidateRule(name, r.text("profile_when"), r.text("records_when"),
            r.text("candidate_records_when"), equal, r.has("pair_when") ? r.text("pair_when") : null,
            r.has("candidate_not_linked_to") ? r.text("candidate_not_linked_to") : null, shared, oneRecordPer));
      }
    }
    ConfigNode th = root.object("thresholds");
    double accept = th.number("accept_probability", 0.5, 1.0);
    double review = th.number("review_probability", 0.0, 1.0);
    if (review > accept) {
      throw th.error("review_probability", "expected at most accept_probability (" + accept + "), got " + review);
    }
    ConfigNode cl = root.object("clusters");
    LinkageModel model =
        new LinkageModel(
            source,
            fallback,
            conflict,
            exclusions,
            blocking,
            training,
            comparisons,
            soleCandidates,
            accept,
            review,
            cl.integer("max_profiles", 2, 100_000_000),
            cl.integer("max_iterations", 1, 10_000),
            root.object("person_id").text("key_env"));
    for (BlockingRule r : training.blockingRules()) {
      boolean trainsSomething = model.comparisons().stream().anyMatch(c -> !c.isBlockedOnBy(r.sql()));
      if (!trainsSomething) {
        throw t.error("blocking_rules", "rule '" + r.name() + "' blocks on every comparison and can train none");
      }
    }
    return model;
  }

  /** An optional list of unified-record column names (whether they exist is checked when the rule is analysed). */
  private static List<String> recordColumns(ConfigNode rule, String field) {
    List<String> columns = rule.has(field) ? rule.strings(field) : List.of();
    for (String column : columns) {
      if (!column.matches("[a-z_][a-z0-9_]*")) {
        throw rule.error(field, "expected column names of the unified records, got '" + column + "'");
      }
    }
    return columns;
  }

  private static List<BlockingRule> rules(ConfigNode parent, String field) {
    List<BlockingRule> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode r : parent.list(field)) {
      String name = r.text("name");
      if (!names.add(name)) {
        throw r.error("name", "rule '" + name + "' is defined twice");
      }
      out.add(new BlockingRule(name, r.text("sql")));
    }
    if (out.isEmpty()) {
      throw parent.error(field, "expected at least one rule");
    }
    return out;
  }

  /**
   * SQL over {@code l} and {@code r} that holds when no exclusion does (true when there are none):
   * pass 2 never scores, links or queues a pair an exclusion decides.
   */
  public String notExcludedSql() {
    if (exclusions.isEmpty()) {
      return "true";
    }
    return String.join(" AND ", exclusions.stream().map(e -> "NOT coalesce((" + e.sql() + "), false)").toList());
  }

  public Comparison comparison(String name) {
    return comparisons.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(source + ": no comparison named '" + name + "'"));
  }
}
