package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Lineage;
import io.jingzhun.common.Preconditions;
import io.jingzhun.common.Warehouse;
import io.jingzhun.linkage.ExpectationMaximisation.Pattern;
import io.jingzhun.linkage.FittedModel.ComparisonFit;
import io.jingzhun.linkage.FittedModel.EmPass;
import io.jingzhun.linkage.FittedModel.LevelFit;
import io.jingzhun.linkage.LinkageModel.BlockingRule;
import io.jingzhun.linkage.LinkageModel.Comparison;
import io.jingzhun.linkage.LinkageModel.SoleCandidateRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Cross-matching people across departments (Fellegi–Sunter, in the spirit of Splink, on Spark SQL).
 *
 * <ol>
 *   <li>Records collapse into identity profiles (identical compared details).
 *   <li>Pass 1: profiles with the same valid ID are linked, unless the model's conflict condition
 *       holds (then the pair goes to the review queue, not merged).
 *   <li>Pass 2: candidate pairs from the blocking rules are scored: u by random sampling, m by EM,
 *       λ from pass 1, term-frequency adjusted names, nulls neutral.
 *   <li>Connected components over accepted links, with a giant-cluster guard; a keyed-hash person_id.
 * </ol>
 */
public final class Linkage {
  /** Tables written under {@code linked/}. */
  public static final String CROSSWALK = "person_crosswalk";
  public static final String REVIEW_QUEUE = "review_queue";
  public static final String MODEL_PARAMETERS = "model_parameters";
  /** The crosswalk's pass of a record tied to its person only by a sole-candidate rule (pass 3). */
  public static final String SOLE_CANDIDATE = "sole_candidate";
  // The payday veto reads the records of up to this many profiles matched in memory; more are joined by sorting.
  private static final long BROADCAST_PROFILES = 1_000_000;
  /** Column of {@link #blockedPairs}: the rules that found the pair, one bit each. */
  static final String FOUND_BY = "found_by";
  /** Profile column: the first 14 characters of id_partial (address code and birth date). */
  static final String ID_PREFIX = "id_prefix";

  static final List<String> PROFILE_COLUMNS =
      List.of("name_key", "surname", "given_name", "id_number", "id_partial", "birth_date", "birth_year",
          "gender", "village_code", "township_code", "county_code", "household_id");

  private Linkage() {}

  /**
   * Everything one run produced, before writing. {@code personRecords} is every person-bearing record
   * ({@link PersonRecords#COLUMNS}) with its {@code person_id} and {@code link_pass}: the crosswalk
   * before it is narrowed to keys, handed to the findings so that they need not build the records and
   * join them to the crosswalk again.
   */
  public record Result(Dataset<Row> crosswalk, Dataset<Row> reviewQueue, Dataset<Row> modelParameters,
      Dataset<Row> personRecords, LinkageSummary summary) {
    /**
     * Frees the rows linkage kept for its caller (the records with their persons, the review queue).
     * The crosswalk, the review queue and the person records cannot be read after this.
     */
    public void release() {
      Lineage.release(personRecords);
      Lineage.release(reviewQueue);
    }
  }

  /** Links the staged tables of {@code runDate} and writes the linked tables and run records. */
  public static Result run(SparkSession spark, Warehouse warehouse, LocalDate runDate, LinkageModel model) {
    Result r = link(spark, StagedTables.fromWarehouse(spark, warehouse, runDate), model, runDate);
    write(r.crosswalk(), warehouse.partition(Warehouse.Layer.LINKED, CROSSWALK, runDate));
    write(r.reviewQueue(), warehouse.partition(Warehouse.Layer.LINKED, REVIEW_QUEUE, runDate));
    write(r.modelParameters(), warehouse.partition(Warehouse.Layer.LINKED, MODEL_PARAMETERS, runDate));
    HadoopFiles files = HadoopFiles.of(spark);
    String records = warehouse.runRecords("link", runDate);
    try {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      files.writeString(records + "/model_parameters.json",
          json.writeValueAsString(r.summary().fitted().toJsonTree()));
      files.writeString(records + "/summary.json", json.writeValueAsString(r.summary().toJsonTree()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the linkage run record", e);
    }
    return r;
  }

  private static void write(Dataset<Row> df, String path) {
    df.write().mode(SaveMode.Overwrite).parquet(path);
  }

  /** Runs linkage on staged tables without writing (the crosswalk etc. are computed datasets). */
  public static Result link(SparkSession spark, StagedTables staged, LinkageModel model, LocalDate runDate) {
    // Every intermediate cut is released when linkage ends (or fails), some as soon as they are read for
    // the last time; the crosswalk's records and the review queue are kept for the caller.
    try (Lineage.Scope cuts = new Lineage.Scope()) {
      return link(spark, staged, model, runDate, cuts);
    }
  }

  private static Result link(SparkSession spark, StagedTables staged, LinkageModel model, LocalDate runDate,
      Lineage.Scope cuts) {
    long started = System.nanoTime();
    PersonIds.Key key = PersonIds.Key.fromEnvironment(model.personIdKeyEnv());

    String profileId = "xxhash64(concat_ws('\u0001', "
        + String.join(", ", PROFILE_COLUMNS.stream()
            .map(c -> "coalesce(CAST(" + c + " AS STRING), '\u0002')").toList())
        + "))";
    Dataset<Row> records = cuts.cut(PersonRecords.build(staged).withColumn("profile_id", expr(profileId)));
    Map<String, Long> perTable = new HashMap<>();
    long recordCount = 0;
    for (Row row : records.groupBy("source_table").count().collectAsList()) {
      perTable.put(row.getString(0), row.getLong(1));
      recordCount += row.getLong(1);
    }
    List<Column> profileCols = new ArrayList<>();
    profileCols.add(col("profile_id"));
    PROFILE_COLUMNS.forEach(c -> profileCols.add(col(c)));
    // What the sole-candidate rules ask of a profile's records is gathered in the same grouping: a
    // second one by profile_id would shuffle the records again and join its result back.
    List<Column> perProfile = soleCandidateFlags(model, records);
    // id_prefix is derived once here: as a join key, an expression would be recomputed in every
    // comparison of the join's sort.
    Dataset<Row> profiles = cuts.cut(records.groupBy(profileCols.toArray(new Column[0]))
        .agg(expr("count(*) AS n_records"), perProfile.toArray(Column[]::new))
        .withColumn(ID_PREFIX, expr("substr(id_partial, 1, 14)")));
    long profileCount = profiles.count();
    long validIdProfiles = profiles.where("id_number IS NOT NULL").count();
    step("profiles", started);

    // Pass 1: equal valid ID; the conflict condition of the model keeps clear disagreements apart.
    Dataset<Row> pass1 = cuts.cut(withLabels(pairs(profiles.where("id_number IS NOT NULL"), "l.id_number = r.id_number", model), model)
        .withColumn("conflict", expr("coalesce(" + model.conflictWhen() + ", false)")));
    Row pass1Counts = pass1.selectExpr("count_if(NOT conflict)", "count_if(conflict)").first();
    long pass1Pairs = pass1Counts.getLong(0);
    long conflictPairs = pass1Counts.getLong(1);
    step("pass 1", started);

    // u from random pairs of profiles.
    double[][] u = estimateU(profiles, profileCount, model);
    step("u sampling", started);

    // m by EM, one pass per training rule; each pass trains what it does not block on.
    List<EmPass> passes = new ArrayList<>();
    double[][] mSum = new double[model.comparisons().size()][];
    List<List<String>> trainedBy = new ArrayList<>();
    for (int c = 0; c < model.comparisons().size(); c++) {
      mSum[c] = new double[model.comparisons().get(c).levels().size()];
      trainedBy.add(new ArrayList<>());
    }
    // Every pair any blocking or training rule finds, compared once (a pair is found by several rules).
    List<BlockingRule> finders = new ArrayList<>();
    Map<String, Integer> finderOf = new HashMap<>();
    for (BlockingRule rule : java.util.stream.Stream.concat(model.blockingRules().stream(),
        model.training().blockingRules().stream()).toList()) {
      finderOf.computeIfAbsent(rule.sql(), sql -> {
        finders.add(rule);
        return finders.size() - 1;
      });
    }
    Dataset<Row> blocked = cuts.cut(blockedPairs(profiles, finders, model));
    for (BlockingRule rule : model.training().blockingRules()) {
      passes.add(trainOn(rule, foundBy(blocked, List.of(rule), finderOf), model, u, mSum, trainedBy));
    }
    step("EM", started);
    double lambda;
    String lambdaSource;
    double validShare = profileCount == 0 ? 0 : (double) validIdProfiles / profileCount;
    double allPairs = profileCount * (profileCount - 1) / 2.0;
    if (pass1Pairs > 0 && validShare > 0 && allPairs > 0) {
      lambda = Math.min(0.5, Math.max(1e-15, pass1Pairs / (validShare * validShare) / allPairs));
      lambdaSource = String.format("pass 1: %d pairs on equal valid ID / (%.3f share of profiles with a valid ID)^2"
          + " / %.0f possible pairs", pass1Pairs, validShare, allPairs);
    } else {
      lambda = model.fallbackMatchProbability();
      lambdaSource = "prior.fallback_match_probability (pass 1 found no pairs)";
    }
    List<ComparisonFit> fits = new ArrayList<>();
    for (int c = 0; c < model.comparisons().size(); c++) {
      Comparison comp = model.comparisons().get(c);
      int trained = trainedBy.get(c).size();
      double[] start = ExpectationMaximisation.startingM(comp.levels().size());
      List<LevelFit> levels = new ArrayList<>();
      for (int g = 0; g < comp.levels().size(); g++) {
        double m = trained == 0 ? start[g] : mSum[c][g] / trained;
        levels.add(new LevelFit(comp.levels().get(g).label(), m, u[c][g], trainedBy.get(c)));
      }
      fits.add(new ComparisonFit(comp.name(), levels));
    }
    FittedModel fitted = new FittedModel(lambda, lambdaSource, fits, passes);

    // Pass 2: score candidate pairs that pass 1 did not decide.
    Dataset<Row> candidates = foundBy(blocked, model.blockingRules(), finderOf).where("NOT same_valid_id")
        .drop(FOUND_BY);
    Dataset<Row> scored2 = cuts.cut(withLabels(score(candidates, profiles, model, fitted), model));
    long candidateCount = scored2.count();
    cuts.release(blocked);
    step("pass 2 scoring", started);
    Dataset<Row> scored1 = score(pass1, profiles, model, fitted);

    double accept = model.acceptProbability();
    Dataset<Row> edges = cuts.cut(scored1.where("NOT conflict")
        .selectExpr("profile_l", "profile_r", "'deterministic' AS pass", "1.0D AS match_probability", "match_weight")
        .unionByName(scored2.where("match_probability >= " + accept)
            .selectExpr("profile_l", "profile_r", "'probabilistic' AS pass", "match_probability", "match_weight")));
    long acceptedPass2 = edges.where("pass = 'probabilistic'").count();

    // Pass 3: profiles with nothing but a name and a place, still unlinked, join their sole candidate.
    long soleCandidatePairs = 0;
    if (!model.soleCandidateRules().isEmpty()) {
      Dataset<Row> sole;
      try (Lineage.Scope pass3 = new Lineage.Scope()) {
        sole = cuts.cut(soleCandidateEdges(model, records, profiles, edges, scored2, pass3)
            .dropDuplicates("profile_l", "profile_r"));
      }
      soleCandidatePairs = sole.count();
      edges = edges.unionByName(sole);
    }
    step("pass 3", started);

    // Clusters, with the giant-cluster guard.
    Clusters.Assignment clusters = Clusters.assign(profiles.select("profile_id"), edges, model.maxClusterProfiles(),
        model.maxClusterIterations());
    List<Long> refusedSizes = clusters.refusedSizes();
    long largest = clusters.largestProfiles();
    Dataset<Row> components = cuts.cut(clusters.clusterOf());
    Clusters.Split split = Clusters.respectExclusions(components, clusters.keptEdges(), profiles,
        model.notExcludedSql());
    Dataset<Row> finalEdges = split.keptEdges();
    Dataset<Row> clusterOf = cuts.cut(split.clusterOf());
    cuts.release(components);
    long excludedLinks = split.refusedEdges().count();
    step("clusters", started);

    Dataset<Row> linkedRecords;
    try (Lineage.Scope joined = new Lineage.Scope()) {
      linkedRecords = cuts.cut(linkedRecords(spark, records, clusterOf, finalEdges, key, joined));
    }
    Dataset<Row> crosswalk = linkedRecords.selectExpr("record_key", "source_table AS `table`", "person_id",
        "match_probability", "match_weight", "pass");
    // One person per cluster (person ids are made unique per cluster): counted on 8 M numbers, not on
    // the 9.8 M records' person ids at 1M households.
    long persons = clusterOf.select("cluster").distinct().count();

    Dataset<Row> review;
    try (Lineage.Scope queue = new Lineage.Scope()) {
      review = cuts.cut(reviewQueue(records, model, queue, scored2.where(
          "match_probability >= " + model.reviewProbability() + " AND match_probability < " + accept)
          .withColumn("reason", lit("uncertain")),
          scored1.where("conflict").withColumn("reason", lit("same_id_conflict")),
          refusedSizes.isEmpty() ? null : scored2.join(clusters.refusedEdges().select("profile_l", "profile_r"),
              new String[] {"profile_l", "profile_r"}).withColumn("reason", lit("giant_cluster_refused")),
          excludedLinks == 0 ? null : scored2.join(split.refusedEdges(), new String[] {"profile_l", "profile_r"})
              .withColumn("reason", lit("excluded_pair_in_cluster"))));
    }
    long uncertain = review.where("reason = 'uncertain'").count();

    step("crosswalk and review queue", started);
    Dataset<Row> params = modelParameters(spark, fitted, runDate);
    LinkageSummary summary = new LinkageSummary(String.valueOf(runDate), recordCount, perTable, profileCount,
        pass1Pairs, conflictPairs, candidateCount, acceptedPass2, uncertain, soleCandidatePairs, persons, largest,
        refusedSizes, split.clustersSplit(), excludedLinks,
        fitted, key.source(), (System.nanoTime() - started) / 1e9);
    Dataset<Row> personRecords = linkedRecords.withColumnRenamed("pass", "link_pass")
        .select(PersonRecords.WITH_PERSON_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
    cuts.keep(linkedRecords);
    cuts.keep(review);
    return new Result(crosswalk, review, params, personRecords, summary);
  }

  /** Progress on stderr: step names and seconds only, never data. */
  private static void step(String what, long started) {
    System.err.printf("linkage: %s done at %.1f s%n", what, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Per sole-candidate rule, what it asks of a profile's records, as aggregates over them:
   * {@code sc_seeks_i} (every record of the profile may seek), {@code sc_candidate_i} (one record may be
   * joined to) and {@code sc_kind_i} (one record is of the kind a candidate must not hold yet). Each
   * rule's record conditions are analysed first, so that a rule that is not valid SQL is named.
   */
  static List<Column> soleCandidateFlags(LinkageModel model, Dataset<Row> records) {
    List<SoleCandidateRule> rules = model.soleCandidateRules();
    List<Column> perProfile = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      SoleCandidateRule rule = rules.get(i);
      ruleSql(model, rule, () -> records.selectExpr(
          "coalesce(" + rule.recordsWhen() + ", false)", "coalesce(" + rule.candidateRecordsWhen() + ", false)",
          rule.candidateNotLinkedTo() == null ? "true" : "coalesce(" + rule.candidateNotLinkedTo() + ", false)",
          rule.sharedRecordValues().isEmpty() ? "true" : valueOf(rule.sharedRecordValues()),
          rule.oneRecordPer().isEmpty() ? "true" : valueOf(rule.oneRecordPer())));
      perProfile.add(expr("min(coalesce(" + rule.recordsWhen() + ", false))").as("sc_seeks_" + i));
      perProfile.add(expr("max(coalesce(" + rule.candidateRecordsWhen() + ", false))").as("sc_candidate_" + i));
      perProfile.add(expr(rule.candidateNotLinkedTo() == null ? "false"
          : "max(coalesce(" + rule.candidateNotLinkedTo() + ", false))").as("sc_kind_" + i));
    }
    return perProfile;
  }

  /**
   * Edges of the sole-candidate rules (pass 3). Per rule: each profile matching it that passes 1 and 2
   * linked to nothing but profiles of its own kind (records the rule seeks for, such as the same payee's
   * other payments) is joined to the one candidate profile it equals on the rule's columns (and, with
   * {@code pair_when}, that also satisfies it), when there is exactly one. What every rule asks of a
   * profile ({@link #soleCandidateFlags}) comes with the profiles; what it asks of a profile's linked
   * neighbours is computed for all rules at once, for the profiles that may seek and for those linked to
   * a kind of record a rule's candidates must not hold or be linked to. A rule's payday veto
   * ({@code one_record_per}) is then applied to its sole pairs only. The pair's pass-2 score, when it
   * was a candidate pair, comes along for the record.
   *
   * @param profiles the profiles with their {@link #soleCandidateFlags}
   * @param edges the links of passes 1 and 2 (profile_l, profile_r)
   */
  static Dataset<Row> soleCandidateEdges(LinkageModel model, Dataset<Row> records, Dataset<Row> profiles,
      Dataset<Row> edges, Dataset<Row> scored, Lineage.Scope cuts) {
    List<SoleCandidateRule> rules = model.soleCandidateRules();
    List<String> mayFind = new ArrayList<>();
    List<Column> linkedAway = new ArrayList<>();
    List<Integer> passOverKind = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      SoleCandidateRule rule = rules.get(i);
      String when = "coalesce(" + rule.profileWhen() + ", false) AND " + keysPresent(rule) + " AND sc_seeks_" + i
          + " AND NOT sc_candidate_" + i;
      ruleSql(model, rule, () -> profiles.where(when)); // a rule that is not valid SQL is named
      mayFind.add(when);
      linkedAway.add(expr("max(NOT o.sc_seeks_" + i + ")").as("sc_linked_" + i));
      if (rule.candidateNotLinkedTo() != null) {
        passOverKind.add(i);
      }
    }
    // The neighbours' flags are gathered only where a rule reads them: for the profiles that may seek (a
    // small share of the 8 M at 1M households, found for all rules in one pass over the profiles), and,
    // for the rules that pass over candidates linked to a kind of record, for the profiles linked to one.
    // Joining them to every profile copied all 8 M profiles once more (docs/operations.md).
    Dataset<Row> ends = edges.selectExpr("profile_l AS profile_id", "profile_r AS other")
        .union(edges.selectExpr("profile_r AS profile_id", "profile_l AS other"));
    Dataset<Row> mayFindAny = cuts.cut(profiles.where(
        String.join(" OR ", mayFind.stream().map(w -> "(" + w + ")").toList())));
    Dataset<Row> seekerEnds = cuts.cut(ends.join(mayFindAny.select("profile_id"), "profile_id", "left_semi"));
    Dataset<Row> seekerNeighbours = seekerEnds.join(profiles.as("o"), col("other").equalTo(col("o.profile_id")))
        .groupBy(seekerEnds.col("profile_id"))
        .agg(linkedAway.get(0), linkedAway.subList(1, linkedAway.size()).toArray(Column[]::new));
    Dataset<Row> mayFindWithNeighbours = cuts.cut(mayFindAny.join(seekerNeighbours, "profile_id", "left"));
    Dataset<Row> nearKind = null;
    if (!passOverKind.isEmpty()) {
      Dataset<Row> kinds = profiles.where(String.join(" OR ", passOverKind.stream().map(i -> "sc_kind_" + i).toList()));
      List<Column> near = passOverKind.stream().map(i -> expr("max(o.sc_kind_" + i + ")").as("sc_near_kind_" + i)).toList();
      nearKind = cuts.cut(ends.join(kinds.as("o"), col("other").equalTo(col("o.profile_id")))
          .groupBy(ends.col("profile_id"))
          .agg(near.get(0), near.subList(1, near.size()).toArray(Column[]::new)));
    }
    // Links of passes 1 and 2, and pairs pass 2 scored in the review band (for one_record_per's veto).
    Dataset<Row> probableLinks = scored.where("match_probability >= " + model.reviewProbability())
        .select("profile_l", "profile_r");
    Dataset<Row> probable = ends.union(probableLinks.selectExpr("profile_l AS profile_id", "profile_r AS other"))
        .union(probableLinks.selectExpr("profile_r AS profile_id", "profile_l AS other"));

    Dataset<Row> all = null;
    // The payday veto is applied to the sole pairs found, per value it checks: only their profiles'
    // records are read, not every candidate's (a name rule's candidates are all of the registry's members).
    Map<String, List<Integer>> vetoedBy = new LinkedHashMap<>();
    Dataset<Row> ruleSeekers = null;
    for (int i = 0; i < rules.size(); i++) {
      SoleCandidateRule rule = rules.get(i);
      String keysPresent = keysPresent(rule);
      String seekingWhen = mayFind.get(i) + " AND NOT coalesce(sc_linked_" + i + ", false)";
      // A candidate that holds the kind of record candidate_not_linked_to names, or is linked to one, is passed over.
      String candidate = "sc_candidate_" + i + " AND " + keysPresent + " AND NOT sc_kind_" + i;
      // The seekers and the candidates they may meet are cut: a small share of the 8 M profiles, which
      // Spark, estimating a filter at its input's size, would otherwise shuffle the profiles and the
      // records against instead of holding them in memory.
      Dataset<Row> seeking = cuts.cut(mayFindWithNeighbours.where(seekingWhen));
      Dataset<Row> seekers = seeking;
      // Only candidates some seeker may meet: what follows gathers values per candidate, and a name
      // rule's candidates are all of the registry's members.
      Column[] keyColumns = rule.equal().stream().map(functions::col).toArray(Column[]::new);
      Dataset<Row> sought = seekers.select(rule.equal().stream().map(c -> col(c).as("k_" + c)).toArray(Column[]::new))
          .distinct();
      Dataset<Row> everyCandidate = profiles.where(candidate);
      Dataset<Row> soughtCandidates = everyCandidate.join(sought, equalOn(everyCandidate, sought, rule.equal(), "k_"),
          "left_semi");
      if (rule.candidateNotLinkedTo() != null) {
        soughtCandidates = soughtCandidates.join(nearKind.where("sc_near_kind_" + i).select("profile_id"),
            "profile_id", "left_anti");
      }
      Dataset<Row> candidates = cuts.cut(soughtCandidates);
      if (!rule.sharedRecordValues().isEmpty()) {
        // The values (say programme codes) of a seeker's records and of a candidate's records of the
        // candidate kind, gathered for those profiles only (collect_set over every profile would turn
        // the one aggregation of all the flags into a sort-based one).
        seekers = seekers.join(sharedValues(records, seekers, rule.recordsWhen(), rule, "sc_seek_values_" + i),
            "profile_id");
        candidates = candidates.join(
            sharedValues(records, candidates, rule.candidateRecordsWhen(), rule, "sc_candidate_values_" + i),
            "profile_id");
      }
      Dataset<Row> pairs;
      if (!rule.pairwise()) {
        // The candidate alone on its key: counted once per key, not once per seeker (a common name has
        // hundreds of seekers and candidates).
        Dataset<Row> sole = candidates.groupBy(keyColumns)
            .agg(expr("count(*) AS n_candidates"), expr("min(profile_id) AS candidate"))
            .where("n_candidates = 1");
        pairs = seekers.join(sole, equalOn(seekers, sole, rule.equal(), "")).select(seekers.col("profile_id").as("seeker"), sole.col("candidate"));
      } else {
        String on = String.join(" AND ", rule.equal().stream().map(c -> "l." + c + " = r." + c).toList())
            + (rule.pairWhen() == null ? "" : " AND coalesce((" + rule.pairWhen() + "), false)")
            + (rule.sharedRecordValues().isEmpty() ? ""
                : " AND arrays_overlap(l.sc_seek_values_" + i + ", r.sc_candidate_values_" + i + ")");
        Dataset<Row> seekingProfiles = seekers;
        Dataset<Row> candidateProfiles = candidates;
        pairs = ruleSql(model, rule, () -> seekingProfiles.as("l").join(candidateProfiles.as("r"), expr(on)))
            .groupBy(col("l.profile_id").as("seeker"))
            .agg(expr("count(*) AS n_candidates"), expr("min(r.profile_id) AS candidate"))
            .where("n_candidates = 1")
            .select("seeker", "candidate");
      }
      pairs = pairs.select(col("seeker"), col("candidate"), lit(i).as("rule_no"));
      all = all == null ? pairs : all.unionByName(pairs);
      if (!rule.oneRecordPer().isEmpty()) {
        vetoedBy.computeIfAbsent(valueOf(rule.oneRecordPer()), v -> new ArrayList<>()).add(i);
        Dataset<Row> mine = seeking.select(col("profile_id"), lit(i).as("rule_no"));
        ruleSeekers = ruleSeekers == null ? mine : ruleSeekers.unionByName(mine);
      }
    }
    if (!vetoedBy.isEmpty()) {
      all = cuts.cut(all);
      Dataset<Row> seekersByRule = cuts.cut(ruleSeekers);
      for (Map.Entry<String, List<Integer>> v : vetoedBy.entrySet()) {
        all = withoutRepeatedValues(all, v.getValue(), v.getKey(), records, probable, seekersByRule, cuts);
      }
    }
    // Rules in order: a profile tied by an earlier rule is not tied by a later one.
    Dataset<Row> ties = cuts.cut(all.withColumn("first_rule", functions.min("rule_no").over(Window.partitionBy("seeker")))
        .where("rule_no = first_rule")
        .select(functions.least(col("seeker"), col("candidate")).as("profile_l"),
            functions.greatest(col("seeker"), col("candidate")).as("profile_r")));
    // The ties are few and the scored pairs many (8 M at 1M households): the scored pairs are matched
    // against the ties held in memory, not both sides sorted as an outer join of the ties would.
    String[] pair = {"profile_l", "profile_r"};
    Dataset<Row> scoredTies = scored.select("profile_l", "profile_r", "match_probability", "match_weight")
        .join(broadcast(ties), pair, "left_semi");
    return ties.join(scoredTies, pair, "left")
        .selectExpr("profile_l", "profile_r", "'" + SOLE_CANDIDATE + "' AS pass", "match_probability",
            "match_weight");
  }

  /** Every column a sole-candidate rule equates is known. */
  private static String keysPresent(SoleCandidateRule rule) {
    return String.join(" AND ", rule.equal().stream().map(c -> c + " IS NOT NULL").toList());
  }

  /** {@code left.c = right.<prefix>c} for every column c. */
  private static Column equalOn(Dataset<Row> left, Dataset<Row> right, List<String> columns, String rightPrefix) {
    Column on = null;
    for (String c : columns) {
      Column eq = left.col(c).equalTo(right.col(rightPrefix + c));
      on = on == null ? eq : on.and(eq);
    }
    return on;
  }

  /** Per profile among {@code profiles}: the set of shared values of its records satisfying {@code when}. */
  private static Dataset<Row> sharedValues(Dataset<Row> records, Dataset<Row> profiles, String when,
      SoleCandidateRule rule, String as) {
    String value = valueOf(rule.sharedRecordValues());
    return records.where("coalesce(" + when + ", false) AND (" + value + ") IS NOT NULL")
        .join(profiles.select("profile_id"), "profile_id", "left_semi")
        .groupBy("profile_id").agg(expr("collect_set(" + value + ")").as(as));
  }

  /**
   * The payday veto ({@code one_record_per}) on the sole pairs of the given rules: a person holds one
   * record per value (a payee is paid a programme once per payday). A seeker whose records repeat a
   * value is two people or more, and is left alone. A candidate already holding one of the seeker's
   * values is someone else, and the seeker is not tied either: a veto, not a filter (ruling one of two
   * candidates out this way would tie the seeker to the other on too little).
   *
   * <p>A candidate's values are those of its own records and of the profiles passes 1 and 2 linked it
   * to, or scored in the review band (a member's payments are profiles of their own, and one typed with
   * a slip may be tied to the member only later in pass 3): a veto may rest on a probable link, a tie
   * may not. Not the rule's seekers' records: a seeker scored in the review band with its candidate
   * would veto itself.
   *
   * @param pairs seeker, candidate, rule_no: one candidate per seeker and rule
   * @param probable profile_id, other: links of passes 1 and 2 and review-band pairs, both ways
   * @param ruleSeekers profile_id, rule_no: the profiles seeking under each rule
   */
  private static Dataset<Row> withoutRepeatedValues(Dataset<Row> pairs, List<Integer> ruleNos, String value,
      Dataset<Row> records, Dataset<Row> probable, Dataset<Row> ruleSeekers, Lineage.Scope cuts) {
    Column vetoed = col("rule_no").isin(ruleNos.toArray());
    Dataset<Row> checked = pairs.where(vetoed);
    Dataset<Row> holders = checked.select(col("rule_no"), col("candidate").as("holder")).distinct();
    // Pairs are few (13,000 at 1M households), so their holders are matched against the links in memory.
    Dataset<Row> holding = cuts.cut(holders.select(col("rule_no"), col("holder"), col("holder").as("profile_id"))
        .unionByName(probable.join(broadcast(holders), probable.col("profile_id").equalTo(holders.col("holder")))
            .select(holders.col("rule_no"), holders.col("holder"), probable.col("other").as("profile_id"))
            .join(ruleSeekers, new String[] {"profile_id", "rule_no"}, "left_anti")));
    Dataset<Row> needed = holding.select("profile_id").union(checked.select(col("seeker").as("profile_id"))).distinct();
    Dataset<Row> values = cuts.cut(records.where("(" + value + ") IS NOT NULL")
        .selectExpr("profile_id", value + " AS once_value")
        .join(needed.count() <= BROADCAST_PROFILES ? broadcast(needed) : needed, "profile_id"));
    Dataset<Row> seekerValues = values.groupBy(col("profile_id").as("seeker"))
        .agg(expr("collect_set(once_value)").as("seek_once"), expr("count(*) > size(collect_set(once_value))").as("repeats"));
    Dataset<Row> candidateValues = holding.join(values, "profile_id")
        .groupBy(col("rule_no"), col("holder").as("candidate"))
        .agg(expr("collect_set(once_value)").as("candidate_once"));
    Dataset<Row> kept = checked.join(seekerValues, new String[] {"seeker"}, "left")
        .join(candidateValues, new String[] {"rule_no", "candidate"}, "left")
        .where("NOT coalesce(repeats, false) AND NOT coalesce(arrays_overlap(seek_once, candidate_once), false)")
        .select("seeker", "candidate", "rule_no");
    return pairs.where(functions.not(vetoed)).unionByName(kept);
  }

  /** A record's values of the given columns, as one string (null when one is missing). */
  private static String valueOf(List<String> cols) {
    return "CASE WHEN " + String.join(" AND ", cols.stream().map(c -> c + " IS NOT NULL").toList())
        + " THEN concat_ws('\u0001', " + String.join(", ", cols.stream().map(c -> "CAST(" + c + " AS STRING)").toList())
        + ") END";
  }

  /** Runs what analyses a rule's SQL; a rule that does not analyse is named in the error. */
  private static <T> T ruleSql(LinkageModel model, SoleCandidateRule rule, java.util.function.Supplier<T> analyse) {
    try {
      return analyse.get();
    } catch (Exception ex) {
      // Spark's AnalysisException is checked to javac but thrown unchecked.
      if (ex instanceof org.apache.spark.sql.AnalysisException) {
        throw new IllegalArgumentException(model.source() + ": sole_candidate_rules '" + rule.name()
            + "': not valid SQL over the unified records and profiles: " + ex.getMessage(), ex);
      }
      throw ex;
    }
  }

  /** Pairs of profiles joined on a blocking condition, each with its gamma per comparison. */
  static Dataset<Row> pairs(Dataset<Row> profiles, String condition, LinkageModel model) {
    return pairs(profiles, profiles, condition, model);
  }

  /** As above, {@code left} and {@code right} the same profiles (the right one possibly with a join hint). */
  private static Dataset<Row> pairs(Dataset<Row> left, Dataset<Row> right, String condition, LinkageModel model) {
    return left.as("l")
        .join(right.as("r"), expr(ComparisonSql.hashKeysFirst(condition) + " AND l.profile_id < r.profile_id"))
        .selectExpr(ComparisonSql.pairSelect(model).toArray(new String[0]));
  }

  /**
   * The pairs that any of {@code rules} finds, without those the model's exclusions decide, each
   * compared once: its gammas and {@value #FOUND_BY}, a bit per rule that found it (bit i for rule i).
   * The blocking joins carry only the two profile ids; comparing is the costly part, and most pairs
   * are found by several rules. A rule asking something of either profile is joined once per side
   * ({@link ComparisonSql#oneSidedBranches}).
   */
  static Dataset<Row> blockedPairs(Dataset<Row> profiles, List<BlockingRule> rules, LinkageModel model) {
    Preconditions.checkArgument(!rules.isEmpty() && rules.size() < Long.SIZE - 1,
        "expected 1 to 62 distinct blocking and training rules, got %s", rules.size());
    Dataset<Row> found = null;
    for (int i = 0; i < rules.size(); i++) {
      for (String branch : ComparisonSql.oneSidedBranches(rules.get(i).sql())) {
        Dataset<Row> k = profiles.as("l")
            .join(profiles.as("r"), expr(ComparisonSql.hashKeysFirst(branch) + " AND l.profile_id < r.profile_id AND "
                + model.notExcludedSql()))
            .selectExpr("l.profile_id AS profile_l", "r.profile_id AS profile_r", (1L << i) + "L AS " + FOUND_BY);
        found = found == null ? k : found.union(k);
      }
    }
    found = found.groupBy("profile_l", "profile_r").agg(expr("bit_or(" + FOUND_BY + ") AS " + FOUND_BY));
    List<String> select = new ArrayList<>(ComparisonSql.pairSelect(model));
    select.add(FOUND_BY);
    return found.join(profiles.as("l"), col("profile_l").equalTo(col("l.profile_id")))
        .join(profiles.as("r"), col("profile_r").equalTo(col("r.profile_id")))
        .selectExpr(select.toArray(new String[0]));
  }

  /** The pairs of {@link #blockedPairs} that one of {@code rules} found. */
  private static Dataset<Row> foundBy(Dataset<Row> blocked, List<BlockingRule> rules, Map<String, Integer> finderOf) {
    long mask = 0;
    for (BlockingRule r : rules) {
      mask |= 1L << finderOf.get(r.sql());
    }
    return blocked.where("(" + FOUND_BY + " & " + mask + "L) <> 0");
  }

  static Dataset<Row> withLabels(Dataset<Row> pairs, LinkageModel model) {
    List<String> cols = new ArrayList<>(List.of("*"));
    cols.addAll(ComparisonSql.labelSelect(model));
    return pairs.selectExpr(cols.toArray(new String[0]));
  }

  /**
   * u per comparison level, from the pairs among a random sample of about sqrt(2 × u_sample_pairs)
   * profiles. The sample is drawn by a seeded hash of each profile's id, not by Spark's sample (which
   * draws per partition): however the profiles are partitioned (adaptive execution, a cluster's shuffle
   * partitions), the same profiles give the same u, and so the same links.
   */
  static double[][] estimateU(Dataset<Row> profiles, long profileCount, LinkageModel model) {
    int k = (int) Math.ceil(Math.sqrt(2.0 * model.training().uSamplePairs())) + 1;
    double fraction = profileCount == 0 ? 1.0 : Math.min(1.0, (double) k / profileCount);
    long buckets = 1L << 40;
    Dataset<Row> sample = fraction >= 1.0 ? profiles
        : profiles.where("pmod(xxhash64(profile_id, " + model.training().seed() + "L), " + buckets + "L) < "
            + (long) Math.ceil(fraction * buckets) + "L");
    // Every pair of the sample: the sample's copy on the right is held in memory by every task. Spark
    // cannot tell that the filter keeps a few thousand profiles out of millions, and without the hint
    // makes a cartesian product of the profiles' partitions, reading all the profiles once per partition.
    Dataset<Row> random = pairs(sample, broadcast(sample), "true", model);
    List<Comparison> comps = model.comparisons();
    List<String> aggs = new ArrayList<>();
    for (Comparison c : comps) {
      for (int g = 0; g < c.levels().size(); g++) {
        aggs.add("count_if(" + ComparisonSql.gammaColumn(c) + " = " + g + ")");
      }
    }
    Row counts = random.selectExpr(aggs.toArray(new String[0])).first();
    double[][] u = new double[comps.size()][];
    int i = 0;
    for (int c = 0; c < comps.size(); c++) {
      int levels = comps.get(c).levels().size();
      long[] n = new long[levels];
      long total = 0;
      for (int g = 0; g < levels; g++) {
        n[g] = counts.isNullAt(i) ? 0 : counts.getLong(i);
        total += n[g];
        i++;
      }
      u[c] = new double[levels];
      for (int g = 0; g < levels; g++) {
        // Add-one smoothing: a level never seen among random pairs is rare, not impossible.
        u[c][g] = (n[g] + 1.0) / (total + levels);
      }
    }
    return u;
  }

  private static EmPass trainOn(BlockingRule rule, Dataset<Row> found, LinkageModel model, double[][] u,
      double[][] mSum, List<List<String>> trainedBy) {
    List<Comparison> comps = model.comparisons();
    String[] gammaCols = comps.stream().map(ComparisonSql::gammaColumn).toArray(String[]::new);
    List<Row> rows = found
        .groupBy(gammaCols[0], java.util.Arrays.copyOfRange(gammaCols, 1, gammaCols.length))
        .count().collectAsList();
    List<Pattern> patterns = new ArrayList<>();
    long pairCount = 0;
    for (Row r : rows) {
      int[] g = new int[comps.size()];
      for (int c = 0; c < g.length; c++) {
        g[c] = r.getInt(c);
      }
      patterns.add(new Pattern(g, r.getLong(comps.size())));
      pairCount += r.getLong(comps.size());
    }
    boolean[] trainable = new boolean[comps.size()];
    double[][] start = new double[comps.size()][];
    List<String> trained = new ArrayList<>();
    for (int c = 0; c < comps.size(); c++) {
      trainable[c] = !comps.get(c).isBlockedOnBy(rule.sql());
      start[c] = ExpectationMaximisation.startingM(comps.get(c).levels().size());
      if (trainable[c]) {
        trained.add(comps.get(c).name());
      }
    }
    if (pairCount == 0) {
      return new EmPass(rule.name(), List.of(), 0, 0, false, Double.NaN, Double.NaN);
    }
    ExpectationMaximisation.Result res = ExpectationMaximisation.run(patterns, u, start, trainable, 0.3,
        model.training().maxIterations(), model.training().tolerance());
    for (int c = 0; c < comps.size(); c++) {
      if (trainable[c]) {
        for (int g = 0; g < mSum[c].length; g++) {
          mSum[c][g] += res.m()[c][g];
        }
        trainedBy.get(c).add(rule.name());
      }
    }
    return new EmPass(rule.name(), trained, pairCount, res.iterations(), res.converged(), res.lastChange(),
        res.lambda());
  }

  /** Adds match_weight and match_probability (term frequencies joined for adjusted comparisons). */
  static Dataset<Row> score(Dataset<Row> pairs, Dataset<Row> profiles, LinkageModel model, FittedModel fitted) {
    Dataset<Row> p = pairs;
    for (Comparison c : model.comparisons()) {
      if (c.termFrequency() == null) {
        continue;
      }
      String column = c.termFrequency().column();
      Dataset<Row> counts = profiles.where(col(column).isNotNull()).groupBy(col(column).as("tf_value")).count();
      // The total as a one-row join, not a window over everything (which would run in one partition).
      Dataset<Row> tf = counts.crossJoin(counts.agg(expr("sum(count) AS tf_total")))
          .selectExpr("tf_value", "count / tf_total AS tf_u");
      p = p.join(tf, p.col(ComparisonSql.tfValueColumn(c)).equalTo(tf.col("tf_value")), "left")
          .drop("tf_value")
          .withColumnRenamed("tf_u", "tf_u_" + c.name());
    }
    return p.withColumn("match_weight", expr(fitted.weightSql(model)))
        .withColumn("match_probability", expr("1.0D / (1.0D + pow(2.0D, -match_weight))"));
  }

  /**
   * Every record with its person: the record's columns, person_id, and how it was tied to its person
   * (match_probability, match_weight, pass). The person crosswalk is its narrowing to keys.
   */
  private static Dataset<Row> linkedRecords(SparkSession spark, Dataset<Row> records, Dataset<Row> clusterOf,
      Dataset<Row> edges, PersonIds.Key key, Lineage.Scope cuts) {
    byte[] keyBytes = key.bytes();
    spark.udf().register("jingzhun_person_id",
        (UDF1<String, String>) basis -> basis == null ? null : PersonIds.of(keyBytes, basis), DataTypes.StringType);
    // The records with their cluster, joined once and kept: the clusters' aggregates read them, and the
    // result is these rows again. Everything else is per profile or per cluster and joins them on
    // profile_id, the key they are already spread and sorted by: the records are shuffled once.
    Dataset<Row> rc = cuts.cutSpreadBy(records.join(clusterOf, "profile_id"), "profile_id");
    rc.createOrReplaceTempView("jz_link_records");
    clusterOf.createOrReplaceTempView("jz_link_clusters");
    Dataset<Row> ends = edges.selectExpr("profile_l AS profile_id", "pass", "match_probability", "match_weight")
        .unionByName(edges.selectExpr("profile_r AS profile_id", "pass", "match_probability", "match_weight"));
    ends.createOrReplaceTempView("jz_link_edge_ends");
    List<String> recordColumns = PersonRecords.COLUMNS.stream().map(c -> "r." + c).toList();
    Dataset<Row> linked = spark.sql(String.join("\n",
        // One grouping by (cluster, ID) over all records, then one by cluster: the cluster's most
        // frequent valid ID (on a tie the smallest) and its other bases, with one shuffle of the
        // records instead of one for the IDs and another for the rest. min_by skips rows whose ordering
        // is null: the group without an ID never wins over a valid one.
        "WITH per_id AS (",
        "  SELECT cluster, id_number, count(*) AS n,",
        "    min(CASE WHEN source_table = 'members' THEN concat(household_id, ':', member_no) END) AS member_key,",
        "    min(record_key) AS record_key, max(source_table = 'members') AS has_member",
        "  FROM jz_link_records GROUP BY cluster, id_number),",
        "wanted AS (",
        "  SELECT cluster, coalesce(concat('id:', id_number), concat('member:', member_key), record_basis) AS wanted_basis,",
        "    record_basis, has_member, n_records",
        "  FROM (SELECT cluster,",
        "      min_by(id_number, CASE WHEN id_number IS NOT NULL THEN named_struct('n', -n, 'id', id_number) END)",
        "        AS id_number,",
        "      min(member_key) AS member_key, concat('record:', min(record_key)) AS record_basis,",
        "      max(has_member) AS has_member, sum(n) AS n_records",
        "    FROM per_id GROUP BY cluster) c),",
        // Clusters kept apart (a pass-1 conflict) can share an ID: the registry's, else the larger,
        // keeps it; the others fall back to their smallest record key, so person_ids stay unique.
        "basis AS (",
        "  SELECT cluster, CASE WHEN row_number() OVER (PARTITION BY wanted_basis",
        "      ORDER BY has_member DESC, n_records DESC, record_basis) = 1 THEN wanted_basis ELSE record_basis END AS basis",
        "  FROM wanted),",
        // one keyed hash per person, not per record
        "person AS (SELECT cluster, jingzhun_person_id(basis) AS person_id FROM basis),",
        "profile_person AS (SELECT c.profile_id, p.person_id FROM jz_link_clusters c JOIN person p ON c.cluster = p.cluster),",
        "per_profile AS (",
        "  SELECT profile_id, max(pass = 'deterministic') AS has_deterministic,",
        "    max(pass = 'probabilistic') AS has_probabilistic,",
        "    max(match_probability) AS best_probability,",
        // pass-1 links all have probability 1: among equals the higher weight, not whichever comes first
        "    max_by(match_weight, named_struct('p', match_probability, 'w', match_weight)) AS best_weight",
        "  FROM jz_link_edge_ends GROUP BY profile_id),",
        "profile_size AS (SELECT profile_id, count(*) AS n FROM jz_link_records GROUP BY profile_id)",
        "SELECT " + String.join(", ", recordColumns) + ", pp.person_id,",
        "  CASE WHEN e.profile_id IS NOT NULL THEN e.best_probability WHEN s.n > 1 THEN 1.0D END AS match_probability,",
        "  e.best_weight AS match_weight,",
        "  CASE WHEN e.has_deterministic THEN 'deterministic' WHEN e.has_probabilistic THEN 'probabilistic'",
        "       WHEN e.profile_id IS NOT NULL THEN '" + SOLE_CANDIDATE + "'",
        "       WHEN s.n > 1 THEN 'identical_details' ELSE 'unlinked' END AS pass",
        "FROM jz_link_records r",
        "JOIN profile_person pp ON r.profile_id = pp.profile_id",
        "JOIN profile_size s ON r.profile_id = s.profile_id",
        "LEFT JOIN per_profile e ON r.profile_id = e.profile_id"));
    // The query has captured the views' plans; the views would otherwise keep the rows referenced.
    for (String v : List.of("jz_link_records", "jz_link_clusters", "jz_link_edge_ends")) {
      spark.catalog().dropTempView(v);
    }
    return linked;
  }

  private static Dataset<Row> reviewQueue(Dataset<Row> records, LinkageModel model, Lineage.Scope cuts,
      Dataset<Row>... parts) {
    List<String> cols = new ArrayList<>(List.of("reason", "profile_l", "profile_r", "match_probability", "match_weight"));
    model.comparisons().forEach(c -> cols.add(ComparisonSql.labelColumn(c)));
    Dataset<Row> all = null;
    for (Dataset<Row> p : parts) {
      if (p == null) {
        continue;
      }
      Dataset<Row> shaped = p.selectExpr(cols.toArray(new String[0]));
      all = all == null ? shaped : all.unionByName(shaped);
    }
    // Record keys (never names or ID numbers) let an auditor open the records behind each side; only
    // the queued profiles' records are grouped (a few percent of them). The queued pairs are cut, so
    // that Spark knows how few they are and matches the records against them in memory (it estimated
    // them at the scored pairs' size and shuffled all 9.8 M records of a million households).
    all = cuts.cut(all);
    Dataset<Row> queued = all.selectExpr("profile_l AS profile_id").union(all.selectExpr("profile_r AS profile_id"))
        .distinct();
    Dataset<Row> keys = records.join(queued, "profile_id").groupBy("profile_id").agg(
        expr("slice(array_sort(collect_list(record_key)), 1, 20) AS record_keys"),
        expr("array_sort(collect_set(source_table)) AS tables"));
    Dataset<Row> kl = keys.toDF("kl_profile", "record_keys_l", "tables_l");
    Dataset<Row> kr = keys.toDF("kr_profile", "record_keys_r", "tables_r");
    List<String> out = new ArrayList<>(List.of("reason", "record_keys_l", "record_keys_r", "tables_l", "tables_r",
        "match_probability", "match_weight"));
    model.comparisons().forEach(c -> out.add(ComparisonSql.labelColumn(c)));
    out.add("profile_l");
    out.add("profile_r");
    return all.join(kl, col("profile_l").equalTo(col("kl_profile")))
        .join(kr, col("profile_r").equalTo(col("kr_profile")))
        .selectExpr(out.toArray(new String[0]));
  }

  private static Dataset<Row> modelParameters(SparkSession spark, FittedModel fitted, LocalDate runDate) {
    List<Row> rows = new ArrayList<>();
    for (ComparisonFit c : fitted.comparisons()) {
      for (int g = 0; g < c.levels().size(); g++) {
        LevelFit l = c.levels().get(g);
        rows.add(org.apache.spark.sql.RowFactory.create(c.name(), g, l.label(), l.m(), l.u(), l.weight(),
            String.join(",", l.mTrainedBy()), fitted.lambda()));
      }
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("comparison", DataTypes.StringType, false)
        .add("gamma", DataTypes.IntegerType, false)
        .add("level", DataTypes.StringType, false)
        .add("m", DataTypes.DoubleType, false)
        .add("u", DataTypes.DoubleType, false)
        .add("match_weight", DataTypes.DoubleType, false)
        .add("m_trained_by", DataTypes.StringType, false)
        .add("lambda", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema).coalesce(1);
  }
}
