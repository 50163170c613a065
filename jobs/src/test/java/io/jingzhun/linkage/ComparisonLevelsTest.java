package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** Each level of each comparison of conf/linkage/model.yaml, on a hand-made pair of profiles. */
class ComparisonLevelsTest {
  static final LinkageModel MODEL = LinkageModel.load();
  static final String PROFILE_DDL = "profile_id BIGINT, name_key STRING, surname STRING, given_name STRING,"
      + " id_number STRING, id_partial STRING, birth_date DATE, birth_year INT, gender STRING, village_code STRING,"
      + " township_code STRING, county_code STRING, household_id STRING, id_prefix STRING";
  static final String ID = Fixtures.id("630222", "19800315", "001");

  /** A profile literal: name (surname = first character), id, birth date, gender, village, household. */
  static String profile(long pid, String name, String id, String birth, String gender, String village, String household) {
    String n = name == null ? "NULL" : "'" + name.replace("\u00B7", "") + "'";
    String surname = name == null ? "NULL" : name.contains("\u00B7") ? "'" + name.split("\u00B7")[0] + "'" : "'" + name.substring(0, 1) + "'";
    String given = name == null ? "NULL" : name.contains("\u00B7") ? "'" + name.split("\u00B7")[1] + "'" : "'" + name.substring(1) + "'";
    String valid = id != null && io.jingzhun.identity.ResidentIds.isValid(id) ? "'" + id + "'" : "NULL";
    String bd = birth == null ? "NULL" : "DATE'" + birth + "'";
    String by = birth == null ? "NULL" : birth.substring(0, 4);
    String v = village == null ? "NULL" : "'" + village + "'";
    String t = village == null ? "NULL" : "'" + village.substring(0, 9) + "'";
    String c = village == null ? "NULL" : "'" + village.substring(0, 6) + "'";
    return String.join(", ", String.valueOf(pid), n, surname, given, valid, id == null ? "NULL" : "'" + id + "'",
        bd, by, gender == null ? "NULL" : "'" + gender + "'", v, t, c, household == null ? "NULL" : "'" + household + "'",
        id == null ? "NULL" : "'" + id.substring(0, Math.min(14, id.length())) + "'");
  }

  static Map<String, String> levels(String left, String right) {
    Dataset<Row> profiles = Fixtures.table(PROFILE_DDL, List.of(left, right));
    Row r = Linkage.withLabels(Linkage.pairs(profiles, "true", MODEL), MODEL).first();
    Map<String, String> out = new HashMap<>();
    for (LinkageModel.Comparison c : MODEL.comparisons()) {
      out.put(c.name(), r.getAs("level_" + c.name()));
    }
    return out;
  }

  static final String V = "630222101201";

  static String base(long pid) {
    return profile(pid, "马建华", ID, "1980-03-15", "male", V, "H0001");
  }

  @Test
  void identicalProfilesAgreeOnTheFirstLevelOfEveryComparison() {
    assertThat(levels(base(1), base(2))).containsEntry("name", "exact").containsEntry("birth_date", "exact")
        .containsEntry("gender", "same").containsEntry("place", "same_village").containsEntry("id_number", "exact")
        .containsEntry("household", "same");
  }

  @Test
  void nameLevels() {
    assertThat(levels(base(1), profile(2, "马建花", ID, "1980-03-15", "male", V, "H1"))).containsEntry("name", "one_character_different");
    assertThat(levels(base(1), profile(2, "马华强", ID, "1980-03-15", "male", V, "H1"))).containsEntry("name", "same_surname_similar_given");
    assertThat(levels(base(1), profile(2, "韩梅", ID, "1980-03-15", "male", V, "H1"))).containsEntry("name", "different");
    assertThat(levels(base(1), profile(2, null, ID, "1980-03-15", "male", V, "H1"))).containsEntry("name", "missing");
    // Transliterated names: the dot does not count, and 多吉/多杰 is one character.
    assertThat(levels(profile(1, "才让\u00B7多杰", null, null, null, null, null), profile(2, "才让多吉", null, null, null, null, null)))
        .containsEntry("name", "one_character_different");
  }

  @Test
  void birthDateLevels() {
    assertThat(levels(base(1), profile(2, "马建华", ID, "1980-03-16", "male", V, "H1"))).containsEntry("birth_date", "one_digit_different");
    assertThat(levels(profile(1, "马建华", null, "1980-03-05", "male", V, "H1"), profile(2, "马建华", null, "1980-05-03", "male", V, "H1")))
        .containsEntry("birth_date", "day_month_swapped");
    assertThat(levels(base(1), profile(2, "马建华", ID, "1980-11-27", "male", V, "H1"))).containsEntry("birth_date", "same_year");
    assertThat(levels(base(1), profile(2, "马建华", ID, "1990-11-27", "male", V, "H1"))).containsEntry("birth_date", "different");
    assertThat(levels(base(1), profile(2, "马建华", ID, null, "male", V, "H1"))).containsEntry("birth_date", "missing");
  }

  @Test
  void genderPlaceAndHouseholdLevels() {
    assertThat(levels(base(1), profile(2, "马建华", ID, "1980-03-15", "female", "630222101202", "H0002")))
        .containsEntry("gender", "different").containsEntry("place", "same_township").containsEntry("household", "different");
    assertThat(levels(base(1), profile(2, "马建华", ID, "1980-03-15", null, "630222102001", null)))
        .containsEntry("gender", "missing").containsEntry("place", "same_county").containsEntry("household", "missing");
    assertThat(levels(base(1), profile(2, "马建华", ID, "1980-03-15", "male", "630223101201", "H1")))
        .containsEntry("place", "different");
    assertThat(levels(base(1), profile(2, "马建华", ID, "1980-03-15", "male", null, "H1")))
        .containsEntry("place", "missing");
  }

  @Test
  void idNumberLevels() {
    String typo = ID.substring(0, 16) + (ID.charAt(16) == '1' ? '3' : '1') + ID.charAt(17); // one digit, check char now wrong
    assertThat(levels(base(1), profile(2, "马建华", typo, "1980-03-15", "male", V, "H1")))
        .containsEntry("id_number", "one_or_two_characters_different");
    String sameBirth = Fixtures.id("630222", "19800315", "987");
    assertThat(levels(base(1), profile(2, "马建华", sameBirth, "1980-03-15", "male", V, "H1")))
        .containsEntry("id_number", "same_address_and_birth");
    assertThat(levels(base(1), profile(2, "马建华", Fixtures.id("110105", "19491231", "002"), "1980-03-15", "male", V, "H1")))
        .containsEntry("id_number", "different");
    assertThat(levels(base(1), profile(2, "马建华", null, "1980-03-15", "male", V, "H1")))
        .containsEntry("id_number", "missing");
  }

  @Test
  void twoDifferentValidIdsAreNeverCandidatesWhateverElseAgrees() {
    String sibling = Fixtures.id("630222", "19800315", "003");
    Dataset<Row> twins = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建华", sibling, "1980-03-15", "male", V, "H0001")));
    assertThat(Linkage.pairs(twins, "true", MODEL).count()).as("the comparison itself still sees the pair").isEqualTo(1);
    assertThat(candidates(twins).count()).isZero();

    Dataset<Row> withoutId = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建华", null, "1980-03-15", "male", V, "H0001")));
    assertThat(candidates(withoutId).count()).as("a missing ID excludes nothing").isEqualTo(1);
    Dataset<Row> mistyped = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建华", ID.substring(0, 16) + (ID.charAt(16) == '1' ? "2" : "1") + ID.charAt(17), "1980-03-15",
            "male", V, "H0001")));
    assertThat(candidates(mistyped).count())
        .as("a one-character slip breaks the check character: not a valid ID, not excluded").isEqualTo(1);
  }

  @Test
  void aPairFoundByTwoRulesIsComparedOnceAndRemembersBoth() {
    Dataset<Row> two = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建华", null, "1980-03-15", "male", V, "H0001"),
        profile(3, "马建华", null, "1975-01-02", "male", V, "H0009")));
    List<LinkageModel.BlockingRule> rules = List.of(
        new LinkageModel.BlockingRule("same_name", "l.name_key = r.name_key"),
        new LinkageModel.BlockingRule("same_household", "l.household_id = r.household_id"));
    List<Row> found = Linkage.blockedPairs(two, rules, MODEL).orderBy("profile_l", "profile_r")
        .selectExpr("profile_l", "profile_r", Linkage.FOUND_BY, "gamma_birth_date").collectAsList();
    assertThat(found).hasSize(3);
    assertThat(found.get(0).getLong(2)).as("1–2: same name and same household").isEqualTo(0b11L);
    assertThat(found.get(0).getInt(3)).as("compared: birth dates equal").isZero();
    assertThat(found.get(1).getLong(2)).as("1–3: same name only").isEqualTo(0b01L);
    assertThat(found.get(2).getLong(2)).as("2–3: same name only").isEqualTo(0b01L);
  }

  @Test
  void aPairOnlyALaterRuleFindsIsComparedAndAMissingKeyFindsNothing() {
    Dataset<Row> profiles = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建国", null, "1975-01-02", "male", V, "H0001"),
        profile(3, "马建华", null, "1980-03-15", "male", V, null),
        profile(4, "韩梅", null, "1980-03-15", "female", V, null)));
    List<LinkageModel.BlockingRule> rules = List.of(
        new LinkageModel.BlockingRule("same_name", "l.name_key = r.name_key"),
        new LinkageModel.BlockingRule("same_household", "l.household_id = r.household_id"));
    List<Row> found = Linkage.blockedPairs(profiles, rules, MODEL).orderBy("profile_l", "profile_r")
        .selectExpr("profile_l", "profile_r", Linkage.FOUND_BY, "gamma_birth_date").collectAsList();
    assertThat(found).extracting(r -> r.getLong(0) + "-" + r.getLong(1)).containsExactly("1-2", "1-3");
    assertThat(found.get(0).getLong(2)).as("1–2: same household only").isEqualTo(0b10L);
    assertThat(found.get(0).getInt(3)).as("compared: birth dates differ").isNotZero();
    assertThat(found.get(1).getLong(2)).as("1–3: same name; no household on 3, so not that rule").isEqualTo(0b01L);
  }

  @Test
  void aConditionLeadsWithAHashOfTheColumnsItEquatesAndKeepsItsOwnTerms() {
    assertThat(ComparisonSql.hashKeysFirst(
        "l.county_code = r.county_code AND l.name_key = r.name_key AND (l.birth_date IS NULL OR r.birth_date IS NULL)"))
        .isEqualTo("(xxhash64(l.county_code, l.name_key) = xxhash64(r.county_code, r.name_key)"
            + " AND (l.county_code = r.county_code AND l.name_key = r.name_key"
            + " AND (l.birth_date IS NULL OR r.birth_date IS NULL)))");
    assertThat(ComparisonSql.hashKeysFirst("r.id_prefix = l.id_prefix"))
        .as("either side first").isEqualTo("(xxhash64(l.id_prefix) = xxhash64(r.id_prefix) AND (r.id_prefix = l.id_prefix))");
    assertThat(ComparisonSql.hashKeysFirst("l.name_key = r.name_key OR l.id_number = r.id_number"))
        .as("equalities under OR are not keys of the join").isEqualTo("(l.name_key = r.name_key OR l.id_number = r.id_number)");
    assertThat(ComparisonSql.hashKeysFirst("l.birth_year = r.birth_year + 1 AND l.surname = r.given_name"))
        .as("no column equated to itself").isEqualTo("(l.birth_year = r.birth_year + 1 AND l.surname = r.given_name)");
    assertThat(ComparisonSql.hashKeysFirst("true")).isEqualTo("(true)");
  }

  @Test
  void everyBlockingRuleFindsTheSamePairsWithItsKeysHashedFirstAndNoneOnAMissingKey() {
    Dataset<Row> profiles = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建华", null, "1980-03-15", "male", V, "H0001"),
        profile(3, "马建华", null, "1980-03-15", "male", null, null),
        profile(4, "马建华", null, "1980-03-15", "male", null, null),
        profile(5, "马建华", null, null, "male", V, null),
        profile(6, "韩梅", Fixtures.id("630222", "19800315", "002"), "1980-03-15", "female", V, "H0001")));
    Set<String> all = new HashSet<>();
    for (LinkageModel.BlockingRule rule : Stream.concat(MODEL.blockingRules().stream(),
        MODEL.training().blockingRules().stream()).toList()) {
      List<String> plain = pairIds(profiles, "(" + rule.sql() + ")");
      List<String> hashed = pairIds(profiles, ComparisonSql.hashKeysFirst(rule.sql()));
      assertThat(hashed).as(rule.sql()).isEqualTo(plain);
      Set<String> branches = new HashSet<>();
      ComparisonSql.oneSidedBranches(rule.sql()).forEach(b -> branches.addAll(pairIds(profiles, ComparisonSql.hashKeysFirst(b))));
      assertThat(branches).as("its branches together: " + rule.sql()).containsExactlyInAnyOrderElementsOf(plain);
      if (rule.sql().contains("village_code")) {
        assertThat(hashed).as("no village on either side is not the same village: " + rule.sql())
            .doesNotContain("3-4");
      }
      all.addAll(hashed);
    }
    assertThat(all).as("the rules find pairs here").contains("1-2", "1-6", "2-5", "3-4");
  }

  @Test
  void aRuleAskingSomethingOfEitherProfileIsJoinedOncePerSide() {
    String rule = "l.county_code = r.county_code AND l.name_key = r.name_key AND (l.birth_date IS NULL OR r.birth_date IS NULL)";
    assertThat(ComparisonSql.oneSidedBranches(rule)).containsExactly(
        "(" + rule + ") AND (l.birth_date IS NULL)", "(" + rule + ") AND (r.birth_date IS NULL)");
    assertThat(ComparisonSql.oneSidedBranches("(lower(l.surname) = 'ma' AND l.gender = 'male' OR r.household_id IS NULL)"
        + " AND l.village_code = r.village_code")).as("each alternative reads one profile, whatever its form").hasSize(2);
    for (String whole : List.of("l.name_key = r.name_key OR l.id_number = r.id_number",
        "l.name_key = r.name_key AND (l.birth_date IS NULL OR l.gender IS NULL)",
        "l.name_key = r.name_key AND (l.birth_date IS NULL OR r.birth_date = l.birth_date)",
        "l.name_key = r.name_key AND (l.birth_date IS NULL OR birth_year > 1950)",
        "l.name_key = r.name_key AND (l.birth_date IS NULL OR true)",
        "l.name_key = r.name_key")) {
      assertThat(ComparisonSql.oneSidedBranches(whole)).as("kept whole: " + whole).containsExactly(whole);
    }
    // Namesakes in one county: 1-2 both dated, 3 and 4 undated, 5 in another county.
    Dataset<Row> profiles = Fixtures.table(PROFILE_DDL, List.of(base(1),
        profile(2, "马建华", null, "1975-07-01", "male", "630222101202", null),
        profile(3, "马建华", null, null, "male", V, null),
        profile(4, "马建华", null, null, "male", "630222101202", "H0002"),
        profile(5, "马建华", null, null, "male", "630223101201", null)));
    List<String> found = Linkage.blockedPairs(profiles, List.of(new LinkageModel.BlockingRule("undated", rule)), MODEL)
        .selectExpr("concat(profile_l, '-', profile_r)").as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    assertThat(found).as("each pair once, found by either branch or both")
        .containsExactly("1-3", "1-4", "2-3", "2-4", "3-4");
  }

  private static List<String> pairIds(Dataset<Row> profiles, String condition) {
    return profiles.as("l").join(profiles.as("r"), functions.expr(condition + " AND l.profile_id < r.profile_id"))
        .selectExpr("concat(l.profile_id, '-', r.profile_id)").as(Encoders.STRING())
        .collectAsList().stream().sorted().toList();
  }

  /** Pairs of a rule that finds every pair, as pass 2 and EM see them. */
  private static Dataset<Row> candidates(Dataset<Row> profiles) {
    return Linkage.blockedPairs(profiles, List.of(new LinkageModel.BlockingRule("all", "true")), MODEL);
  }

  @Test
  void uIsTheSameHoweverTheProfilesArePartitioned() {
    // 600 profiles, of which the sample for u_sample_pairs 300 takes about 26.
    List<String> rows = new java.util.ArrayList<>();
    String[] names = {"马建华", "马建国", "韩梅", "祁有林", "李秀英", "才让多吉"};
    for (int i = 0; i < 600; i++) {
      String birth = String.format("19%02d-%02d-%02d", 40 + i % 60, 1 + i % 12, 1 + i % 28);
      rows.add(profile(i + 1, names[i % names.length], null, birth, i % 2 == 0 ? "male" : "female",
          "6302221012" + String.format("%02d", i % 7), "H" + (i / 4)));
    }
    Dataset<Row> profiles = Fixtures.table(PROFILE_DDL, rows);
    LinkageModel.Training t = MODEL.training();
    LinkageModel small = new LinkageModel(MODEL.source(), MODEL.fallbackMatchProbability(), MODEL.conflictWhen(),
        MODEL.exclusions(), MODEL.blockingRules(),
        new LinkageModel.Training(300, t.seed(), t.maxIterations(), t.tolerance(), t.blockingRules()),
        MODEL.comparisons(), MODEL.soleCandidateRules(), MODEL.acceptProbability(), MODEL.reviewProbability(),
        MODEL.maxClusterProfiles(), MODEL.maxClusterIterations(), MODEL.personIdKeyEnv());
    double[][] onePartition = Linkage.estimateU(profiles.repartition(1), 600, small);
    double[][] sevenPartitions = Linkage.estimateU(profiles.repartition(7), 600, small);
    assertThat(sevenPartitions).isDeepEqualTo(onePartition);
    double[][] everyPair = Linkage.estimateU(profiles, 1, small);
    assertThat(java.util.Arrays.deepEquals(onePartition, everyPair)).as("a sample, not every pair").isFalse();
  }
}
