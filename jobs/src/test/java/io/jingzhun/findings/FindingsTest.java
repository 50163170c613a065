package io.jingzhun.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.TestSpark;
import io.jingzhun.linkage.Fixtures;
import io.jingzhun.linkage.PersonRecords;
import io.jingzhun.linkage.StagedTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule of conf/findings.yaml on one hand-made run: each rule has a positive case (listed
 * below) and the rest of the data are its negative cases (near misses named in comments).
 */
class FindingsTest {
  static final LocalDate RUN = LocalDate.of(2026, 11, 27);
  static final String ID_A = Fixtures.id("630222", "19800315", "001");
  static final String ID_G = Fixtures.id("630222", "19750101", "013");
  static final String ID_I = Fixtures.id("630222", "19800315", "023"); // member records 1981-03-15
  static final String ID_J = Fixtures.id("630222", "19900101", "031"); // male by ID, recorded female
  static final String ID_V = Fixtures.id("630222", "19850505", "041"); // a payee's, in no household
  static List<Row> findings;

  static String member(String key, String hh, int no, String person, String id, String gender, String birth) {
    String q = id == null ? "NULL" : "'" + id + "'";
    return String.format("'%s', '%s', %d, '某', '某', %s, %s, NULL, '%s', DATE'%s', 'han', 'child', NULL, 'f', 1",
        key, hh, no, q, q, gender, birth);
  }

  @BeforeAll
  static void evaluate() {
    List<String> members = List.of(
        member("members:f:2", "H1", 1, "PA", ID_A, "male", "1980-03-15"),
        member("members:f:3", "H1", 2, "PB", null, "female", "1950-01-01"),   // deceased, still listed
        member("members:f:4", "H1", 3, "PC", null, "male", "2016-05-01"),     // age 10, enrolled
        member("members:f:5", "H1", 4, "PD", null, "male", "2017-02-01"),     // age 9, not enrolled
        member("members:f:6", "H1", 5, "PE", null, "female", "2014-01-01"),   // age 12, dropped out
        member("members:f:7", "H1", 6, "PF", null, "male", "2009-01-01"),     // age 17: not compulsory
        member("members:f:8", "H2", 1, "PG", ID_G, "male", "1975-01-01"),     // on the payroll
        member("members:f:9", "H2", 2, "PH", null, "female", "1960-01-01"),   // also in H3
        member("members:f:10", "H3", 1, "PH", null, "female", "1960-01-01"),
        member("members:f:11", "H3", 2, "PI", ID_I, "male", "1981-03-15"),    // birth date differs from ID
        member("members:f:12", "H3", 3, "PJ", ID_J, "female", "1990-01-01"),  // gender differs from ID
        member("members:f:13", "H4", 1, "PK", null, "male", "1970-01-01"),
        member("members:f:14", "H1", 7, "PL", null, "female", "2020-12-01"),  // age 5: too young
        member("members:f:15", "H4", 2, "PM", null, "male", "2011-11-28"),    // turns 15 tomorrow: enrolled? no -> finding
        member("members:f:16", "H4", 3, "PN", null, "female", "2016-03-01")); // age 10, may be education:f:5 (review)
    List<String> households = List.of(
        "'households:f:2', 'H1', '630222', '630222101', '630222101201', 'ordinary', 'not_exited', 3000, 0, 0, 0, 0",
        "'households:f:3', 'H2', '630222', '630222101', '630222101201', 'dibao', 'not_exited', 5000, 0, 0, 0, 0",
        "'households:f:4', 'H3', '630222', '630222101', '630222101202', 'dibao', 'not_exited', 0, 0, 0, 0, 0",
        "'households:f:5', 'H4', '630222', '630222101', '630222101202', 'ordinary', 'exited', 0, 0, 1000, 0, 0");
    List<String> civil = List.of(
        "'civil_affairs:f:2', 'C1', NULL, NULL, '某', '某', 'female', NULL, 'death_registration', 'active', NULL, NULL, NULL, DATE'2026-05-01', '630222', NULL",
        "'civil_affairs:f:3', 'C2', NULL, NULL, '某', '某', 'male', NULL, 'dibao', 'active', DATE'2020-01-01', NULL, 300, NULL, '630222', NULL",
        "'civil_affairs:f:4', 'C3', NULL, NULL, '某', '某', 'male', NULL, 'dibao', 'active', DATE'2020-01-01', NULL, 300, NULL, '630222', NULL",
        // H4's member had 低保 once; terminated, so H4 (ordinary) is consistent.
        "'civil_affairs:f:5', 'C4', NULL, NULL, '某', '某', 'male', NULL, 'dibao', 'terminated', DATE'2019-01-01', DATE'2020-01-01', 300, NULL, '630222', NULL");
    List<String> education = List.of(
        "'education:f:2', NULL, NULL, '某', '某', 'male', NULL, 'S1', 'primary', 'enrolled', NULL, NULL, '630222'",
        "'education:f:3', NULL, NULL, '某', '某', 'female', NULL, 'S1', 'junior', 'dropped_out', DATE'2026-09-01', NULL, '630222'",
        "'education:f:4', NULL, NULL, '某', '某', 'male', NULL, 'S2', 'senior', 'dropped_out', DATE'2026-09-01', NULL, '630222'"); // PF, age 17
    List<String> payments = List.of(
        "'finance_payments:f:2', 'F1', NULL, NULL, '某', '某', 'H1', 'DIBAO', 300, DATE'2026-04-01', '630222'",  // before death
        "'finance_payments:f:3', 'F2', NULL, NULL, '某', '某', 'H1', 'DIBAO', 300, DATE'2026-06-01', '630222'",  // after death
        "'finance_payments:f:4', 'F3', NULL, NULL, '外', '外', NULL, 'DIBAO', 300, DATE'2026-06-01', '630222'",  // to PZ, unregistered: no member has the name
        "'finance_payments:f:5', 'F4', NULL, NULL, '某', '某', NULL, 'PENSION', 150, DATE'2026-06-01', '630222'", // PY: not targeted
        "'finance_payments:f:6', 'F5', NULL, NULL, '某', '某', 'H4', 'TEKUN', 1200, DATE'2026-03-01', '630222'",
        "'finance_payments:f:7', 'F6', NULL, NULL, '某', '某', 'H4', 'TEKUN', 1200, DATE'2026-09-01', '630222'",
        "'finance_payments:f:8', 'F7', NULL, NULL, '某', '某', 'H4', 'TEKUN', 5000, DATE'2024-09-01', '630222'", // outside the year
        "'finance_payments:f:9', 'F8', NULL, NULL, '某', '某', 'H2', 'DIBAO', 300, DATE'2026-09-01', '630222'",
        // to PQ: neither ID nor household; an uncertain pair with PK's member record (review queue)
        "'finance_payments:f:10', 'F9', NULL, NULL, '某', '某', NULL, 'DIBAO', 300, DATE'2026-09-01', '630222'",
        // to PW: no ID, no household, members of the county share the name: who was paid is unknown
        "'finance_payments:f:11', 'F10', NULL, NULL, '某', '某', NULL, 'DIBAO', 300, DATE'2026-09-01', '630222'",
        // to PV: namesakes too, but a valid ID that no member has: unregistered
        "'finance_payments:f:12', 'F11', '" + ID_V + "', '" + ID_V + "', '某', '某', NULL, 'HOUSING', 20000, DATE'2026-09-01', '630222'",
        // to PL, a member: no ID, no household; linkage tied it by name alone (pass sole_candidate)
        "'finance_payments:f:13', 'F12', NULL, NULL, '某', '某', NULL, 'INDUSTRY', 3000, DATE'2026-09-01', '630222'",
        // to PL as well, with the household number: tied by the model, not by name alone
        "'finance_payments:f:14', 'F13', NULL, NULL, '某', '某', 'H1', 'INDUSTRY', 3000, DATE'2026-10-01', '630222'",
        // a pension by name alone, tied to PG by pass 3 (with a 低保 payment of the same name): not
        // counted in H2's transfers, which stay within what H2 reports
        "'finance_payments:f:15', 'F14', NULL, NULL, '某', '某', NULL, 'PENSION', 9000, DATE'2026-10-01', '630222'");
    List<String> payroll = List.of(
        "'finance_payroll:f:2', NULL, NULL, '某', '某', 'County office', '630222'",
        "'finance_payroll:f:3', NULL, NULL, '某', '某', 'School', '630222'");
    Map<String, String> personOf = new java.util.HashMap<>(Map.ofEntries(
        Map.entry("members:f:2", "PA"), Map.entry("members:f:3", "PB"), Map.entry("members:f:4", "PC"),
        Map.entry("members:f:5", "PD"), Map.entry("members:f:6", "PE"), Map.entry("members:f:7", "PF"),
        Map.entry("members:f:8", "PG"), Map.entry("members:f:9", "PH"), Map.entry("members:f:10", "PH"),
        Map.entry("members:f:11", "PI"), Map.entry("members:f:12", "PJ"), Map.entry("members:f:13", "PK"),
        Map.entry("members:f:14", "PL"), Map.entry("members:f:15", "PM"),
        Map.entry("civil_affairs:f:2", "PB"), Map.entry("civil_affairs:f:3", "PA"), Map.entry("civil_affairs:f:4", "PG"),
        Map.entry("civil_affairs:f:5", "PK"),
        Map.entry("education:f:2", "PC"), Map.entry("education:f:3", "PE"), Map.entry("education:f:4", "PF")));
    personOf.putAll(Map.of("finance_payments:f:2", "PB", "finance_payments:f:3", "PB", "finance_payments:f:4", "PZ",
        "finance_payments:f:5", "PY", "finance_payments:f:6", "PK", "finance_payments:f:7", "PK",
        "finance_payments:f:8", "PK", "finance_payments:f:9", "PG",
        "finance_payroll:f:2", "PG", "finance_payroll:f:3", "PX"));
    personOf.put("finance_payments:f:10", "PQ");
    personOf.put("finance_payments:f:11", "PW");
    personOf.put("finance_payments:f:12", "PV");
    personOf.put("members:f:16", "PN");
    personOf.put("finance_payments:f:13", "PL");
    personOf.put("finance_payments:f:14", "PL");
    personOf.put("finance_payments:f:15", "PG");
    List<String> xw = new ArrayList<>();
    personOf.forEach((k, p) -> xw.add("'" + k + "', '" + k.substring(0, k.indexOf(':')) + "', '" + p + "', '"
        + (k.equals("finance_payments:f:13") || k.equals("finance_payments:f:15") ? "sole_candidate" : "probabilistic")
        + "'"));
    Dataset<Row> crosswalk = Fixtures.table("record_key STRING, table STRING, person_id STRING, pass STRING", xw);
    StagedTables staged = StagedTables.of(Map.of(
        "households", Fixtures.table(Fixtures.HOUSEHOLD_COLS, households),
        "members", Fixtures.table(Fixtures.MEMBER_COLS, members),
        "civil_affairs", Fixtures.table(Fixtures.CIVIL_COLS, civil),
        "education", Fixtures.table(Fixtures.EDUCATION_COLS, education),
        "finance_payments", Fixtures.table(Fixtures.PAYMENT_COLS, payments),
        "finance_payroll", Fixtures.table(Fixtures.PAYROLL_COLS, payroll)));
    Dataset<Row> reviewQueue = TestSpark.get().sql("SELECT * FROM VALUES"
        + " ('uncertain', array('finance_payments:f:10'), array('members:f:13'), array('finance_payments'), array('members')),"
        + " ('uncertain', array('education:f:5'), array('members:f:16'), array('education'), array('members')),"
        + " ('same_id_conflict', array('finance_payments:f:4'), array('members:f:2'), array('finance_payments'), array('members'))"
        + " AS q(reason, record_keys_l, record_keys_r, tables_l, tables_r)");
    findings = Findings.evaluate(TestSpark.get(), staged, crosswalk, reviewQueue, RUN, FindingRules.load(),
        Programmes.load()).collectAsList();
    FindingsTest.staged = staged;
    FindingsTest.crosswalk = crosswalk;
    FindingsTest.reviewQueue = reviewQueue;
  }

  static StagedTables staged;
  static Dataset<Row> crosswalk;
  static Dataset<Row> reviewQueue;

  /** The person records as linkage hands them over: each record with its person and how it was tied. */
  static Dataset<Row> personRecords() {
    Dataset<Row> records = PersonRecords.build(staged);
    Dataset<Row> persons = crosswalk.selectExpr("record_key AS xw_key", "person_id", "pass AS link_pass");
    return records.join(persons, records.col("record_key").equalTo(persons.col("xw_key"))).drop("xw_key");
  }

  @Test
  void personRecordsHandedOverByLinkageGiveTheSameFindings() {
    List<Row> handed = Findings.evaluate(TestSpark.get(), staged, crosswalk, reviewQueue, personRecords(), RUN,
        FindingRules.load(), Programmes.load()).collectAsList();
    assertThat(handed).containsExactlyInAnyOrderElementsOf(findings);
    // and they are what the rules read: without the payee's records, no PAYMENT_WITHOUT_RECIPIENT_ID by name
    List<Row> withoutPayments = Findings.evaluate(TestSpark.get(), staged, crosswalk, reviewQueue,
        personRecords().where("source_table <> 'finance_payments'"), RUN, FindingRules.load(), Programmes.load())
        .collectAsList();
    assertThat(withoutPayments).isNotEqualTo(findings);
  }

  @Test
  void personRecordsOfAnotherShapeAreRefusedNamingTheColumns() {
    assertThatThrownBy(() -> Findings.evaluate(TestSpark.get(), staged, crosswalk, reviewQueue,
        personRecords().drop("link_pass"), RUN, FindingRules.load(), Programmes.load()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected person records with columns")
        .hasMessageContaining("link_pass");
  }

  static List<String> found(String code) {
    return findings.stream().filter(r -> r.getString(0).equals(code))
        .map(r -> r.getString(2) + "/" + r.getString(3)).sorted().toList();
  }

  static Row only(String code) {
    List<Row> rows = findings.stream().filter(r -> r.getString(0).equals(code)).toList();
    assertThat(rows).as(code).hasSize(1);
    return rows.get(0);
  }

  @Test
  void deceasedStillListed() {
    assertThat(found("DECEASED_STILL_LISTED")).containsExactly("H1/PB");
    assertThat(only("DECEASED_STILL_LISTED").getList(5)).contains("members:f:3", "civil_affairs:f:2");
  }

  @Test
  void deceasedStillPaidCountsOnlyPaymentsAfterTheDeath() {
    assertThat(found("DECEASED_STILL_PAID")).containsExactly("H1/PB");
    assertThat(only("DECEASED_STILL_PAID").getList(5)).contains("finance_payments:f:3").doesNotContain("finance_payments:f:2");
  }

  @Test
  void payrollInPoorHousehold() {
    assertThat(found("PAYROLL_IN_POOR_HOUSEHOLD")).containsExactly("H2/PG"); // PX on the payroll is in no household
  }

  @Test
  void childNotEnrolledOnlyAtCompulsoryAge() {
    // PC enrolled, PE dropped out (own rule), PF 17, PL 5: none of them.
    // PN may be the child of an education record (an uncertain pair): left to the review queue.
    assertThat(found("CHILD_NOT_ENROLLED")).containsExactly("H1/PD", "H4/PM");
  }

  @Test
  void childDroppedOutOnlyAtCompulsoryAge() {
    assertThat(found("CHILD_DROPPED_OUT")).containsExactly("H1/PE"); // PF dropped out at 17
  }

  @Test
  void registeredInTwoHouseholds() {
    assertThat(found("REGISTERED_IN_TWO_HOUSEHOLDS")).containsExactly("H2/PH");
    assertThat(only("REGISTERED_IN_TWO_HOUSEHOLDS").getList(5)).contains("members:f:9", "members:f:10");
  }

  @Test
  void paymentToUnregisteredOnlyForPovertyTargetedProgrammes() {
    // PY's pension is not targeted; PQ may be PK (an uncertain pair): left to the review queue. PZ's pair
    // with a member is a same-ID conflict, not an uncertain link: still reported. PV shares members' name
    // but has a valid ID of its own; PW shares it without an ID (the next rule).
    assertThat(found("PAYMENT_TO_UNREGISTERED")).containsExactly("null/PV", "null/PZ");
  }

  @Test
  void paymentWithoutRecipientIdWhenMembersShareTheName() {
    // PQ has no ID either, but its uncertain pair with PK's record is the review queue's to decide.
    assertThat(found("PAYMENT_WITHOUT_RECIPIENT_ID")).containsExactly("H1/PL", "null/PW");
    Row pw = findings.stream().filter(r -> "PW".equals(r.getString(3))).findFirst().orElseThrow();
    assertThat(pw.getString(4))
        .contains("1 poverty-targeted payment(s) (DIBAO, 300.0 yuan)", "14 registry member(s)").doesNotContain("某");
    assertThat(pw.getList(5)).containsExactly("finance_payments:f:11");
  }

  @Test
  void paymentTiedToAMemberByNameAloneStaysBeforeTheAuditors() {
    // PL's payment with a household number was tied by the model: only the name-alone one is reported.
    Row pl = findings.stream().filter(r -> r.getString(0).equals("PAYMENT_WITHOUT_RECIPIENT_ID")
        && "PL".equals(r.getString(3))).findFirst().orElseThrow();
    assertThat(pl.getString(4)).contains("1 poverty-targeted payment(s) (INDUSTRY, 3000.0 yuan)",
        "tied by name alone (linkage pass 3: the only member of the county with that name").doesNotContain("某");
    assertThat(pl.getList(5)).containsExactly("finance_payments:f:13");
  }

  @Test
  void idBirthDateAndGenderMismatch() {
    assertThat(found("ID_BIRTH_DATE_MISMATCH")).containsExactly("H3/PI");
    assertThat(found("ID_GENDER_MISMATCH")).containsExactly("H3/PJ");
    assertThat(only("ID_BIRTH_DATE_MISMATCH").getString(4)).contains("365 day").doesNotContain(ID_I);
  }

  @Test
  void dibaoAndHouseholdAttribute() {
    assertThat(found("DIBAO_WITHOUT_ATTRIBUTE")).containsExactly("H1/PA"); // H4's 低保 is terminated
    assertThat(found("ATTRIBUTE_WITHOUT_DIBAO")).containsExactly("H3/null"); // H2 has PG on 低保
  }

  @Test
  void transfersExceedReportedWithinTheYearAndTolerance() {
    // H4 reports 1,000 and was paid 2,400 in the year (the 2024 payment is outside); H1 and H2 are within
    // (H2 without the name-alone pension that pass 3 tied to PG).
    assertThat(found("TRANSFERS_EXCEED_REPORTED")).containsExactly("H4/null");
    assertThat(only("TRANSFERS_EXCEED_REPORTED").getString(4)).contains("2400").contains("1000");
  }

  @Test
  void everyRuleCodeOfTheBriefIsConfiguredWithMeaningAndSeverity() {
    assertThat(FindingRules.load().rules()).extracting(FindingRules.Rule::code).containsExactlyInAnyOrder(
        "DECEASED_STILL_LISTED", "DECEASED_STILL_PAID", "PAYROLL_IN_POOR_HOUSEHOLD", "CHILD_NOT_ENROLLED",
        "CHILD_DROPPED_OUT", "REGISTERED_IN_TWO_HOUSEHOLDS", "PAYMENT_TO_UNREGISTERED", "PAYMENT_WITHOUT_RECIPIENT_ID",
        "ID_BIRTH_DATE_MISMATCH",
        "ID_GENDER_MISMATCH", "DIBAO_WITHOUT_ATTRIBUTE", "ATTRIBUTE_WITHOUT_DIBAO", "TRANSFERS_EXCEED_REPORTED");
  }

  @Test
  void configErrorsNameFileAndField() {
    String yaml = ProjectFiles.read(FindingRules.DEFAULT_PATH);
    assertThatThrownBy(() -> FindingRules.parse("f.yaml", yaml.replace("severity: high", "severity: urgent")))
        .hasMessageContaining("f.yaml: rules[0].severity");
    assertThatThrownBy(() -> FindingRules.parse("f.yaml", yaml.replace("${compulsory_age_max}", "${oldest}")))
        .hasMessageContaining("unknown parameter ${oldest}");
  }
}
