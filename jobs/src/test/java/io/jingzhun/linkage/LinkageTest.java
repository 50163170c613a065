package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.LineageTest;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.TestSpark;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One linkage run over a small seeded population with noise (SyntheticPeople) plus hand-made
 * cases: a clerk's wrong ID (pass-1 conflict), a record without ID found by the model, repeated
 * identical payments.
 */
class LinkageTest {
  static final String ID_X = Fixtures.id("630224", "19820701", "002");
  static final String ID_NEIGHBOUR_1 = Fixtures.id("630224", "19880406", "024");
  static final String ID_NEIGHBOUR_2 = Fixtures.id("630224", "19880406", "042");
  static final String ID_QI = Fixtures.id("630224", "19480310", "113");
  static final String ID_MA = Fixtures.id("630224", "19560722", "228");
  static final String ID_MING = Fixtures.id("630224", "19630215", "137");
  /** An ID failing its check: a valid one with its last (check) character changed. */
  static String failing(String valid) {
    char check = valid.charAt(17);
    return valid.substring(0, 17) + (check == '0' ? '1' : '0');
  }
  static SyntheticPeople people;
  static Linkage.Result result;
  static Map<String, Row> crosswalk = new HashMap<>();
  static List<Row> review;
  static StagedTables staged;

  @BeforeAll
  static void link() {
    people = new SyntheticPeople(60, 7);
    people.households.add("'households:x:1', 'HX0001', '630224', '630224101', '630224101201', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add(String.format("'members:x:1', 'HX0001', 1, '韩梅', '韩梅', '%s', '%s', NULL, 'female', DATE'1982-07-01',"
        + " 'hui', 'head', NULL, 'x', 1", ID_X, ID_X));
    people.civil.add(String.format("'civil_affairs:x:1', 'CX1', '%s', '%s', '张伟', '张伟', 'male', DATE'1950-01-01', 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', NULL", ID_X, ID_X));
    people.civil.add("'civil_affairs:x:2', 'CX2', NULL, NULL, '韩梅', '韩梅', 'female', DATE'1982-07-01', 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', '630224101201'");
    // Members whose names no one else in the county has (尕藏卓玛) or shares with one other (索南才让 x2).
    people.members.add("'members:x:2', 'HX0001', 2, '尕藏卓玛', '尕藏卓玛', NULL, NULL, NULL, 'female', DATE'1961-03-09',"
        + " 'tibetan', 'mother', NULL, 'x', 1");
    people.members.add("'members:x:3', 'HX0001', 3, '索南才让', '索南才让', NULL, NULL, NULL, 'male', DATE'1990-05-02',"
        + " 'tibetan', 'son', NULL, 'x', 1");
    people.households.add("'households:x:2', 'HX0002', '630224', '630224102', '630224102201', 'ordinary', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:4', 'HX0002', 1, '索南才让', '索南才让', NULL, NULL, NULL, 'male', DATE'1971-08-19',"
        + " 'tibetan', 'head', NULL, 'x', 1");
    people.members.add("'members:x:5', 'HX0002', 2, '桑吉加', '桑吉加', NULL, NULL, NULL, 'male', DATE'1950-02-11',"
        + " 'tibetan', 'father', NULL, 'x', 1");
    // Two members named 扎西才让, one of them a head of household: household-level aid goes to the head.
    people.members.add("'members:x:6', 'HX0001', 4, '扎西才让', '扎西才让', NULL, NULL, NULL, 'male', DATE'1993-04-04',"
        + " 'tibetan', 'son', NULL, 'x', 1");
    people.households.add("'households:x:3', 'HX0003', '630224', '630224102', '630224102202', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:7', 'HX0003', 1, '扎西才让', '扎西才让', NULL, NULL, NULL, 'male', DATE'1966-12-30',"
        + " 'tibetan', 'head', NULL, 'x', 1");
    // Two neighbours of the same name, born the same day (different valid IDs), and a civil-affairs
    // record without ID that matches both: it may join one of them, never make them one person.
    people.households.add("'households:x:4', 'HX0004', '630224', '630224102', '630224102201', 'ordinary', 'not_exited', 0, 0, 0, 0, 0");
    people.households.add("'households:x:5', 'HX0005', '630224', '630224102', '630224102201', 'ordinary', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add(String.format("'members:x:8', 'HX0004', 1, '韩尕兰', '韩尕兰', '%s', '%s', NULL, 'female',"
        + " DATE'1988-04-06', 'hui', 'head', NULL, 'x', 1", ID_NEIGHBOUR_1, ID_NEIGHBOUR_1));
    people.members.add(String.format("'members:x:9', 'HX0005', 1, '韩尕兰', '韩尕兰', '%s', '%s', NULL, 'female',"
        + " DATE'1988-04-06', 'hui', 'head', NULL, 'x', 1", ID_NEIGHBOUR_2, ID_NEIGHBOUR_2));
    people.civil.add("'civil_affairs:x:3', 'CX3', NULL, NULL, '韩尕兰', '韩尕兰', 'female', DATE'1988-04-06', 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', '630224102201'");
    // A husband and wife whose given names are the same (李文, 张文): a payment to 王文 naming their
    // household is close to both, so it is tied to neither.
    people.households.add("'households:x:6', 'HX0006', '630224', '630224102', '630224102201', 'ordinary', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:10', 'HX0006', 1, '李文', '李文', NULL, NULL, NULL, 'male', DATE'1970-01-01',"
        + " 'han', 'head', NULL, 'x', 1");
    people.members.add("'members:x:11', 'HX0006', 2, '张文', '张文', NULL, NULL, NULL, 'female', DATE'1972-02-02',"
        + " 'han', 'spouse', NULL, 'x', 1");
    // A pupil whose school typed 胡翔 born 2019-05-03 for the member 胡祥 born 2019-03-05: the village's one
    // child that close. A classmate 鲁中 (2016-11-19) is close to 鲁忠 (2016-11-17), who has a school
    // record of his own: not him.
    people.households.add("'households:x:7', 'HX0007', '630224', '630224102', '630224102202', 'ordinary', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:12', 'HX0007', 2, '胡祥', '胡祥', NULL, NULL, NULL, 'male', DATE'2019-03-05',"
        + " 'han', 'son', NULL, 'x', 1");
    people.members.add("'members:x:13', 'HX0007', 3, '鲁忠', '鲁忠', NULL, NULL, NULL, 'male', DATE'2016-11-17',"
        + " 'han', 'son', NULL, 'x', 1");
    people.education.add("'education:x:1', NULL, NULL, '胡翔', '胡翔', 'male', DATE'2019-05-03', 'S1', 'primary',"
        + " 'enrolled', NULL, '630224102202', NULL");
    people.education.add("'education:x:2', NULL, NULL, '鲁忠', '鲁忠', 'male', DATE'2016-11-17', 'S1', 'primary',"
        + " 'enrolled', NULL, '630224102202', NULL");
    people.education.add("'education:x:3', NULL, NULL, '鲁中', '鲁中', 'male', DATE'2016-11-19', 'S1', 'primary',"
        + " 'enrolled', NULL, '630224102202', NULL");
    // Finance's payee records: 低保 to 沙玫花 (a misspelt 沙梅花) with the household number, and once with
    // the name alone; the registry has no 沙玫花, so only the payee with the same programme says who it is.
    people.households.add("'households:x:8', 'HX0008', '630224', '630224103', '630224103201', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:14', 'HX0008', 1, '沙梅花', '沙梅花', NULL, NULL, NULL, 'female', DATE'1951-08-04',"
        + " 'hui', 'head', NULL, 'x', 1");
    // 喇法 receives 低保 as 喇发 with the household number; a disability allowance to 喇发 by name alone
    // shares no programme with that payee: not tied.
    people.households.add("'households:x:9', 'HX0009', '630224', '630224103', '630224103202', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:15', 'HX0009', 1, '喇法', '喇法', NULL, NULL, NULL, 'male', DATE'1948-02-02',"
        + " 'hui', 'head', NULL, 'x', 1");
    // Two registered 穆福 (both heads): a name-alone 低保 payment follows the one 穆福 whose 低保 carries a
    // household number on another payday.
    for (int k = 0; k < 2; k++) {
      people.households.add(String.format("'households:x:%d', 'HX001%d', '630224', '630224103', '630224103203', 'dibao',"
          + " 'not_exited', 0, 0, 0, 0, 0", 10 + k, k));
      people.members.add(String.format("'members:x:%d', 'HX001%d', %d, '穆福', '穆福', NULL, NULL, NULL, 'male',"
          + " DATE'19%d0-01-0%d', 'hui', 'head', NULL, 'x', 1", 16 + k, k, 1, 4 + k, 1 + k));
    }
    // 苏萍 in the registry is a child of one household; 低保 to 苏萍 naming another household goes to that
    // household's head 苏平 (his son 苏金 is as close to the typed name). The same payee's name-alone 低保
    // follows the payee, not the registered namesake: the payee rule comes before the namesake rule.
    people.households.add("'households:x:14', 'HX0020', '630224', '630224103', '630224103204', 'ordinary', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:20', 'HX0020', 4, '苏萍', '苏萍', NULL, NULL, NULL, 'female', DATE'2003-09-13',"
        + " 'han', 'child', NULL, 'x', 1");
    people.households.add("'households:x:15', 'HX0021', '630224', '630224103', '630224103205', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:21', 'HX0021', 1, '苏平', '苏平', NULL, NULL, NULL, 'male', DATE'1996-07-12',"
        + " 'han', 'head', NULL, 'x', 1");
    people.members.add("'members:x:22', 'HX0021', 3, '苏金', '苏金', NULL, NULL, NULL, 'male', DATE'2024-12-02',"
        + " 'han', 'son', NULL, 'x', 1");
    // 马兰, the county's only 马兰, is paid 低保 with her household number on 09-01 and 10-01: a name-alone
    // 低保 to 马兰 on 10-01 is someone else's (a programme pays a payee once per payday), tied to no one.
    people.households.add("'households:x:16', 'HX0030', '630224', '630224103', '630224103206', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:23', 'HX0030', 1, '马兰', '马兰', NULL, NULL, NULL, 'female', DATE'1959-03-03',"
        + " 'hui', 'head', NULL, 'x', 1");
    // 冶兰, the county's only 冶兰, has 低保 with the household number on 09-01; two name-alone 低保 payments
    // to 冶兰 on 10-01 are two payees in one profile: neither is tied.
    people.households.add("'households:x:17', 'HX0031', '630224', '630224103', '630224103207', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:24', 'HX0031', 1, '冶兰', '冶兰', NULL, NULL, NULL, 'female', DATE'1961-06-06',"
        + " 'hui', 'head', NULL, 'x', 1");
    // 苏占林, a 特困 recipient in civil affairs (no ID there), is paid 特困 support and a pension as 苏占琳
    // by name alone: the county's only recipient of that programme within one character. Two 低保
    // recipients 马秀兰 and 马秀英 are both one character from a name-alone 低保 to 马秀莲: tied to neither.
    people.households.add("'households:x:18', 'HX0032', '630224', '630224104', '630224104201', 'tekun', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add("'members:x:25', 'HX0032', 1, '苏占林', '苏占林', NULL, NULL, NULL, 'male', DATE'1952-04-28',"
        + " 'hui', 'head', NULL, 'x', 1");
    people.civil.add("'civil_affairs:x:4', 'CX4', NULL, NULL, '苏占林', '苏占林', 'male', DATE'1952-04-28', 'tekun',"
        + " 'active', NULL, NULL, 900, NULL, '630224', '630224104201'");
    people.civil.add("'civil_affairs:x:5', 'CX5', NULL, NULL, '马秀兰', '马秀兰', 'female', DATE'1970-01-05', 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', '630224104201'");
    people.civil.add("'civil_affairs:x:6', 'CX6', NULL, NULL, '马秀英', '马秀英', 'female', DATE'1971-02-06', 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', '630224104201'");
    // 祁有林, a 特困 recipient with a valid ID in civil affairs and the registry, is paid 特困 support as
    // 祁有琳 with his ID's address code mistyped (630524): tied to him by the civil-affairs rule, the ID
    // within two characters. 马占花's 特困 is not paid to 马占华 whose ID (failing too) is another's.
    people.households.add("'households:x:19', 'HX0033', '630224', '630224104', '630224104202', 'tekun', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add(String.format("'members:x:26', 'HX0033', 1, '祁有林', '祁有林', '%s', '%s', NULL, 'male', DATE'1948-03-10',"
        + " 'han', 'head', NULL, 'x', 1", ID_QI, ID_QI));
    people.civil.add(String.format("'civil_affairs:x:7', 'CX7', '%s', '%s', '祁有林', '祁有林', 'male', DATE'1948-03-10', 'tekun',"
        + " 'active', NULL, NULL, 900, NULL, '630224', '630224104202'", ID_QI, ID_QI));
    people.civil.add(String.format("'civil_affairs:x:8', 'CX8', '%s', '%s', '马占花', '马占花', 'female', DATE'1956-07-22', 'tekun',"
        + " 'active', NULL, NULL, 900, NULL, '630224', '630224104202'", ID_MA, ID_MA));
    // 马明 (valid ID) in the registry and twice in civil affairs under that ID: once with every detail,
    // once without birth date or village. All three are one person by pass 1; each record's weight is
    // that of its best link, whatever order the links come in.
    people.households.add("'households:x:20', 'HX0034', '630224', '630224104', '630224104203', 'dibao', 'not_exited', 0, 0, 0, 0, 0");
    people.members.add(String.format("'members:x:27', 'HX0034', 1, '马明', '马明', '%s', '%s', NULL, 'male', DATE'1963-02-15',"
        + " 'hui', 'head', NULL, 'x', 1", ID_MING, ID_MING));
    people.civil.add(String.format("'civil_affairs:x:9', 'CX9', '%s', '%s', '马明', '马明', 'male', DATE'1963-02-15', 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', '630224104203'", ID_MING, ID_MING));
    people.civil.add(String.format("'civil_affairs:x:10', 'CX10', '%s', '%s', '马明', '马明', 'male', NULL, 'dibao',"
        + " 'active', NULL, NULL, 300, NULL, '630224', NULL", ID_MING, ID_MING));
    List<String> payments = List.of(
        "'finance_payments:x:10', 'FX10', NULL, NULL, '沙玫花', '沙玫花', 'HX0008', 'DIBAO', 400, DATE'2026-09-01', '630224'",
        "'finance_payments:x:11', 'FX11', NULL, NULL, '沙玫花', '沙玫花', NULL, 'DIBAO', 400, DATE'2026-10-01', '630224'",
        "'finance_payments:x:12', 'FX12', NULL, NULL, '喇发', '喇发', 'HX0009', 'DIBAO', 400, DATE'2026-09-01', '630224'",
        "'finance_payments:x:13', 'FX13', NULL, NULL, '喇发', '喇发', NULL, 'DISABILITY', 90, DATE'2026-09-01', '630224'",
        "'finance_payments:x:14', 'FX14', NULL, NULL, '穆福', '穆福', 'HX0010', 'DIBAO', 400, DATE'2026-09-01', '630224'",
        "'finance_payments:x:15', 'FX15', NULL, NULL, '穆福', '穆福', NULL, 'DIBAO', 400, DATE'2026-10-01', '630224'",
        "'finance_payments:x:16', 'FX16', NULL, NULL, '苏萍', '苏萍', 'HX0021', 'DIBAO', 500, DATE'2026-09-01', '630224'",
        "'finance_payments:x:17', 'FX17', NULL, NULL, '苏萍', '苏萍', NULL, 'DIBAO', 500, DATE'2026-10-01', '630224'",
        "'finance_payments:x:18', 'FX18', NULL, NULL, '马兰', '马兰', 'HX0030', 'DIBAO', 400, DATE'2026-09-01', '630224'",
        "'finance_payments:x:19', 'FX19', NULL, NULL, '马兰', '马兰', 'HX0030', 'DIBAO', 400, DATE'2026-10-01', '630224'",
        "'finance_payments:x:20', 'FX20', NULL, NULL, '马兰', '马兰', NULL, 'DIBAO', 400, DATE'2026-10-01', '630224'",
        "'finance_payments:x:21', 'FX21', NULL, NULL, '冶兰', '冶兰', 'HX0031', 'DIBAO', 400, DATE'2026-09-01', '630224'",
        "'finance_payments:x:22', 'FX22', NULL, NULL, '冶兰', '冶兰', NULL, 'DIBAO', 400, DATE'2026-10-01', '630224'",
        "'finance_payments:x:23', 'FX23', NULL, NULL, '冶兰', '冶兰', NULL, 'DIBAO', 400, DATE'2026-10-01', '630224'",
        "'finance_payments:x:24', 'FX24', NULL, NULL, '苏占琳', '苏占琳', NULL, 'TEKUN', 5400, DATE'2026-06-15', '630224'",
        "'finance_payments:x:25', 'FX25', NULL, NULL, '苏占琳', '苏占琳', NULL, 'PENSION', 900, DATE'2026-06-15', '630224'",
        "'finance_payments:x:26', 'FX26', NULL, NULL, '马秀莲', '马秀莲', NULL, 'DIBAO', 400, DATE'2026-06-15', '630224'",
        String.format("'finance_payments:x:27', 'FX27', NULL, '%s', '祁有琳', '祁有琳', NULL, 'TEKUN', 5400, DATE'2026-06-15', '630224'",
            "630524" + ID_QI.substring(6)),
        String.format("'finance_payments:x:28', 'FX28', NULL, '%s', '马占华', '马占华', NULL, 'TEKUN', 5400, DATE'2026-06-15', '630224'",
            failing(Fixtures.id("630224", "19300101", "229"))),
        // a pension naming the household of 尕藏卓玛, to a payee typed 嘎藏卓玛 (a homophone), no ID
        "'finance_payments:x:8', 'FX8', NULL, NULL, '嘎藏卓玛', '嘎藏卓玛', 'HX0001', 'PENSION', 150, DATE'2026-09-01', '630224'",
        "'finance_payments:x:9', 'FX9', NULL, NULL, '王文', '王文', 'HX0006', 'PENSION', 150, DATE'2026-09-01', '630224'",
        "'finance_payments:x:1', 'FX1', NULL, NULL, '韩梅', '韩梅', 'HX0001', 'DIBAO', 300, DATE'2026-10-01', '630224'",
        "'finance_payments:x:2', 'FX2', NULL, NULL, '韩梅', '韩梅', 'HX0001', 'DIBAO', 300, DATE'2026-11-01', '630224'",
        // a name and a county, nothing else: the county's only member with that name, then two namesakes
        "'finance_payments:x:3', 'FX3', NULL, NULL, '尕藏卓玛', '尕藏卓玛', NULL, 'INDUSTRY', 3000, DATE'2026-09-01', '630224'",
        // (a disability allowance is the person's own, so the head of that name is no answer either)
        "'finance_payments:x:4', 'FX4', NULL, NULL, '索南才让', '索南才让', NULL, 'DISABILITY', 200, DATE'2026-09-01', '630224'",
        // the same name in another county: not a candidate
        "'finance_payments:x:5', 'FX5', NULL, NULL, '尕藏卓玛', '尕藏卓玛', NULL, 'INDUSTRY', 3000, DATE'2026-09-01', '630222'",
        // a pension (not poverty-targeted: paid to people outside the registry too) is not tied by name alone
        "'finance_payments:x:6', 'FX6', NULL, NULL, '桑吉加', '桑吉加', NULL, 'PENSION', 150, DATE'2026-09-01', '630224'",
        // 低保 for 扎西才让: household aid, so the head of that name
        "'finance_payments:x:7', 'FX7', NULL, NULL, '扎西才让', '扎西才让', NULL, 'DIBAO', 900, DATE'2026-09-01', '630224'");
    StagedTables base = people.staged();
    StagedTables staged = name -> name.equals("finance_payments")
        ? java.util.Optional.of(Fixtures.table(Fixtures.PAYMENT_COLS, payments)) : base.table(name);
    LinkageTest.staged = staged;
    result = Linkage.link(TestSpark.get(), staged, LinkageModel.load(), LocalDate.of(2026, 11, 27));
    for (Row r : result.crosswalk().collectAsList()) {
      crosswalk.put(r.getAs("record_key"), r);
    }
    review = result.reviewQueue().collectAsList();
  }

  static String person(String recordKey) {
    return crosswalk.get(recordKey).getAs("person_id");
  }

  @Test
  void linkageKeepsOnlyTheRowsItHandsOverAndTheyAreFreedOnRelease() {
    java.util.Set<Integer> before = LineageTest.held(TestSpark.get());
    Linkage.Result again = Linkage.link(TestSpark.get(), staged, LinkageModel.load(), LocalDate.of(2026, 11, 27));
    java.util.Set<Integer> added = new java.util.HashSet<>(LineageTest.held(TestSpark.get()));
    added.removeAll(before);
    int records = LineageTest.rddOf(again.personRecords());
    int queue = LineageTest.rddOf(again.reviewQueue());
    assertThat(LineageTest.rddOf(again.crosswalk())).isEqualTo(records);
    assertThat(added).containsExactlyInAnyOrder(records, queue);
    again.release();
    assertThat(LineageTest.held(TestSpark.get())).doesNotContain(records, queue);
  }

  @Test
  void everyRecordIsInTheCrosswalkOnce() {
    assertThat(crosswalk).hasSize((int) result.summary().records());
    assertThat(result.summary().records()).isEqualTo(people.truth.size() + 24 + 8 + 3 + 28 + 3);
  }

  @Test
  void thePersonsCountedAreTheDistinctPersonsOfTheCrosswalk() {
    long distinct = crosswalk.values().stream().map(r -> r.<String>getAs("person_id")).distinct().count();
    assertThat(result.summary().persons()).isEqualTo(distinct).isLessThan(crosswalk.size());
  }

  @Test
  void personRecordsHandedToTheFindingsAreEveryRecordWithItsCrosswalkPersonAndPass() {
    List<String> expected = new java.util.ArrayList<>(PersonRecords.COLUMNS);
    expected.addAll(List.of("person_id", "link_pass"));
    assertThat(result.personRecords().columns()).containsExactlyElementsOf(expected);
    List<Row> rows = result.personRecords().collectAsList();
    assertThat(rows).hasSize(crosswalk.size());
    for (Row r : rows) {
      Row x = crosswalk.get(r.<String>getAs("record_key"));
      assertThat(r.<String>getAs("person_id")).as(r.<String>getAs("record_key")).isEqualTo(x.getAs("person_id"));
      assertThat(r.<String>getAs("link_pass")).as(r.<String>getAs("record_key")).isEqualTo(x.getAs("pass"));
      assertThat(r.<String>getAs("source_table")).isEqualTo(x.getAs("table"));
    }
    // the record columns are the records linkage read, unchanged
    org.apache.spark.sql.Dataset<Row> records = result.personRecords().drop("person_id", "link_pass");
    org.apache.spark.sql.Dataset<Row> built = PersonRecords.build(staged);
    assertThat(records.exceptAll(built).count()).isZero();
    assertThat(built.exceptAll(records).count()).isZero();
  }

  @Test
  void pairwisePrecisionAndRecallOnTheSyntheticPopulation() {
    long tp = 0, fp = 0, fn = 0;
    List<String> keys = people.truth.keySet().stream().sorted().toList();
    for (int i = 0; i < keys.size(); i++) {
      for (int j = i + 1; j < keys.size(); j++) {
        boolean predicted = person(keys.get(i)).equals(person(keys.get(j)));
        boolean truth = people.truth.get(keys.get(i)).equals(people.truth.get(keys.get(j)));
        tp += predicted && truth ? 1 : 0;
        fp += predicted && !truth ? 1 : 0;
        fn += !predicted && truth ? 1 : 0;
      }
    }
    assertThat(tp / (double) (tp + fp)).as("precision").isGreaterThanOrEqualTo(0.99);
    assertThat(tp / (double) (tp + fn)).as("recall").isGreaterThanOrEqualTo(0.93);
  }

  @Test
  void sameIdWithClearlyDifferentPersonIsAConflictForReviewNotAMerge() {
    assertThat(person("civil_affairs:x:1")).isNotEqualTo(person("members:x:1"));
    Row conflict = review.stream().filter(r -> r.getAs("reason").equals("same_id_conflict")).findFirst().orElseThrow();
    assertThat(conflict.<String>getAs("level_name")).isEqualTo("different");
    assertThat(conflict.<String>getAs("level_id_number")).isEqualTo("exact");
    List<String> both = new java.util.ArrayList<>(conflict.getList(conflict.fieldIndex("record_keys_l")));
    both.addAll(conflict.getList(conflict.fieldIndex("record_keys_r")));
    assertThat(both).contains("members:x:1", "civil_affairs:x:1");
    assertThat(result.summary().conflictPairs()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aRecordLinkedSeveralTimesCarriesTheWeightOfItsBestLink() {
    Row member = crosswalk.get("members:x:27");
    Row full = crosswalk.get("civil_affairs:x:9");
    Row sparse = crosswalk.get("civil_affairs:x:10");
    assertThat(person("civil_affairs:x:9")).isEqualTo(person("members:x:27"));
    assertThat(person("civil_affairs:x:10")).isEqualTo(person("members:x:27"));
    assertThat(List.of(member, full, sparse)).allMatch(r -> r.getAs("pass").equals("deterministic"));
    // the member's links: to the full record (every detail agrees) and to the sparse one (weaker)
    assertThat(sparse.<Double>getAs("match_weight")).isLessThan(full.<Double>getAs("match_weight"));
    assertThat(member.<Double>getAs("match_weight")).isEqualTo(full.<Double>getAs("match_weight"));
  }

  @Test
  void aRecordWithoutIdIsLinkedByTheModel() {
    assertThat(person("civil_affairs:x:2")).isEqualTo(person("members:x:1"));
    Row r = crosswalk.get("civil_affairs:x:2");
    assertThat(r.<String>getAs("pass")).isEqualTo("probabilistic");
    assertThat(r.<Double>getAs("match_probability")).isGreaterThanOrEqualTo(LinkageModel.load().acceptProbability());
    assertThat(crosswalk.get("members:x:1").<String>getAs("pass")).isEqualTo("probabilistic");
  }

  @Test
  void aRecordMatchingTwoPeopleWithDifferentValidIdsDoesNotMakeThemOne() {
    assertThat(person("members:x:8")).isNotEqualTo(person("members:x:9"));
    assertThat(person("civil_affairs:x:3")).isIn(person("members:x:8"), person("members:x:9"));
    // Both links were accepted (else nothing chained): the one that would join the two is refused and queued.
    assertThat(result.summary().clustersSplitByExclusions()).isGreaterThanOrEqualTo(1);
    assertThat(result.summary().linksRefusedByExclusions()).isGreaterThanOrEqualTo(1);
    assertThat(review.stream().filter(r -> r.getAs("reason").equals("excluded_pair_in_cluster"))
        .map(r -> r.getList(r.fieldIndex("record_keys_l")).toString() + r.getList(r.fieldIndex("record_keys_r")))
        .toList()).anyMatch(k -> k.contains("civil_affairs:x:3"));
  }

  @Test
  void aPaymentNamingAHouseholdJoinsItsOnlyMemberWithANameThatClose() {
    assertThat(person("finance_payments:x:8")).isEqualTo(person("members:x:2"));
    assertThat(crosswalk.get("finance_payments:x:8").<String>getAs("pass")).isEqualTo("sole_candidate");
    assertThat(person("finance_payments:x:9")).isNotIn(person("members:x:10"), person("members:x:11"));
  }

  @Test
  void aPupilWithSlipsInNameAndBirthDateJoinsTheVillagesOnlyChildThatCloseWithoutASchoolRecord() {
    assertThat(person("education:x:1")).isEqualTo(person("members:x:12"));
    assertThat(person("education:x:2")).isEqualTo(person("members:x:13"));
    assertThat(person("education:x:3")).isNotEqualTo(person("members:x:13"));
  }

  @Test
  void aSoleCandidateRuleWhoseSqlDoesNotAnalyseIsNamedInTheError() {
    String yaml = ProjectFiles.read(LinkageModel.DEFAULT_PATH).replaceFirst(
        "pair_when: \"levenshtein\\(l.name_key, r.name_key, 1\\) BETWEEN 0 AND 1\"",
        "pair_when: \"levenshtein(l.name_key, r.no_such_column, 1) BETWEEN 0 AND 1\"");
    LinkageModel broken = LinkageModel.parse("my-model.yaml", yaml);
    assertThatThrownBy(() -> Linkage.link(TestSpark.get(), people.staged(), broken, LocalDate.of(2026, 11, 27)))
        .hasMessageContaining("my-model.yaml: sole_candidate_rules 'sole_household_member_with_close_name'")
        .hasMessageContaining("no_such_column");
  }

  @Test
  void aPaymentWithOnlyANameJoinsTheCountysSoleMemberOfThatName() {
    assertThat(person("finance_payments:x:3")).isEqualTo(person("members:x:2"));
    assertThat(crosswalk.get("finance_payments:x:3").<String>getAs("pass")).isEqualTo(Linkage.SOLE_CANDIDATE);
    // Two members share the name (one a head, but this allowance is the person's own): no one is picked.
    // Another county's namesake is no candidate.
    assertThat(person("finance_payments:x:4")).isNotIn(person("members:x:3"), person("members:x:4"));
    assertThat(crosswalk.get("finance_payments:x:4").<String>getAs("pass")).isEqualTo("unlinked");
    assertThat(person("finance_payments:x:5")).isNotEqualTo(person("members:x:2"));
    assertThat(person("finance_payments:x:6")).isNotEqualTo(person("members:x:5"));
    // x:3, x:7 and x:8 here; the seeded population may add payments naming a household with a typo.
    assertThat(result.summary().soleCandidatePairs()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void householdAidWithOnlyANameJoinsTheCountysSoleHeadOfThatName() {
    assertThat(person("finance_payments:x:7")).isEqualTo(person("members:x:7")).isNotEqualTo(person("members:x:6"));
    assertThat(crosswalk.get("finance_payments:x:7").<String>getAs("pass")).isEqualTo(Linkage.SOLE_CANDIDATE);
  }

  @Test
  void aPaymentWithOnlyANameFollowsTheSamePayeeOfTheSameProgramme() {
    assertThat(person("finance_payments:x:10")).isEqualTo(person("members:x:14"));
    assertThat(person("finance_payments:x:11")).isEqualTo(person("members:x:14"));
    assertThat(crosswalk.get("finance_payments:x:11").<String>getAs("pass")).isEqualTo(Linkage.SOLE_CANDIDATE);
    // No programme in common with the payee 喇发: not tied to the payee, nor to its member.
    assertThat(person("finance_payments:x:12")).isEqualTo(person("members:x:15"));
    assertThat(person("finance_payments:x:13")).isNotEqualTo(person("finance_payments:x:12"));
    // Two registered namesakes: the payee's own name-alone month follows the payee all the same.
    assertThat(person("finance_payments:x:15")).isEqualTo(person("finance_payments:x:14"))
        .isEqualTo(person("members:x:16")).isNotEqualTo(person("members:x:17"));
  }

  @Test
  void aPaymentOnAPaydayThePayeeWasAlreadyPaidIsSomeoneElses() {
    assertThat(person("finance_payments:x:19")).isEqualTo(person("members:x:23"));
    // Neither the payee rule nor the county's only 马兰 (the namesake rule) takes it.
    assertThat(person("finance_payments:x:20")).isNotEqualTo(person("members:x:23"));
    assertThat(crosswalk.get("finance_payments:x:20").<String>getAs("pass")).isNotEqualTo(Linkage.SOLE_CANDIDATE);
  }

  @Test
  void aNameAlonePaymentWithASlipJoinsTheCountysOnlyRecipientOfThatProgrammeThatClose() {
    assertThat(person("civil_affairs:x:4")).isEqualTo(person("members:x:25"));
    assertThat(person("finance_payments:x:24")).isEqualTo(person("members:x:25"));
    assertThat(person("finance_payments:x:25")).isEqualTo(person("members:x:25"));
    assertThat(crosswalk.get("finance_payments:x:24").<String>getAs("pass")).isEqualTo(Linkage.SOLE_CANDIDATE);
    assertThat(person("finance_payments:x:26")).isNotIn(person("civil_affairs:x:5"), person("civil_affairs:x:6"));
  }

  @Test
  void aPaymentWhoseIdFailsItsCheckJoinsTheOnlyRecipientThatCloseInNameAndId() {
    assertThat(person("finance_payments:x:27")).isEqualTo(person("members:x:26")).isEqualTo(person("civil_affairs:x:7"));
    assertThat(crosswalk.get("finance_payments:x:27").<String>getAs("pass")).isEqualTo(Linkage.SOLE_CANDIDATE);
    assertThat(person("finance_payments:x:28")).isNotEqualTo(person("civil_affairs:x:8"));
  }

  @Test
  void twoNameAlonePaymentsOfOneProgrammeOnOnePaydayAreTwoPayeesAndNotTied() {
    assertThat(person("finance_payments:x:21")).isEqualTo(person("members:x:24"));
    assertThat(person("finance_payments:x:22")).isNotEqualTo(person("members:x:24"));
    assertThat(person("finance_payments:x:23")).isNotEqualTo(person("members:x:24"));
  }

  @Test
  void householdAidNamingAHouseholdGoesToItsHeadWhenTwoMembersAreThatCloseAndTheRulesGoInOrder() {
    assertThat(person("finance_payments:x:16")).isEqualTo(person("members:x:21"))
        .isNotEqualTo(person("members:x:22"));
    // The name-alone payment follows its payee (first rule), not the county's only 苏萍 (a later rule).
    assertThat(person("finance_payments:x:17")).isEqualTo(person("members:x:21"))
        .isNotEqualTo(person("members:x:20"));
  }

  @Test
  void identicalRepeatedPaymentsAreOnePerson() {
    assertThat(person("finance_payments:x:1")).isEqualTo(person("finance_payments:x:2"));
  }

  @Test
  void personIdIsAKeyedHashOfTheClustersValidIdNeverTheIdItself() {
    String expected = PersonIds.of(PersonIds.DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8), "id:" + ID_X);
    assertThat(person("members:x:1")).isEqualTo(expected).startsWith("P").hasSize(33).doesNotContain(ID_X);
    assertThat(result.summary().personIdKeySource()).contains("development key");
  }

  @Test
  void aPersonWithoutValidIdIsKeyedOnTheRegistryMemberElseOnTheSmallestRecordKey() {
    byte[] key = PersonIds.DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8);
    // 尕藏卓玛 has no ID: her person is keyed on her place in the registry, which her payment shares.
    assertThat(person("members:x:2")).isEqualTo(PersonIds.of(key, "member:HX0001:2"))
        .isEqualTo(person("finance_payments:x:8"));
    // 张伟's civil-affairs record carries 韩梅's ID: the registry's person keeps the ID, his falls back
    // to his own record, so the two stay two persons with two ids.
    assertThat(person("members:x:1")).isEqualTo(PersonIds.of(key, "id:" + ID_X));
    assertThat(person("civil_affairs:x:1")).isEqualTo(PersonIds.of(key, "record:civil_affairs:x:1"));
    // A pupil tied to no one: neither ID nor member, his own record.
    assertThat(person("education:x:3")).isEqualTo(PersonIds.of(key, "record:education:x:3"));
  }

  @Test
  void uncertainPairsAreQueuedWithTheirLevels() {
    LinkageModel m = LinkageModel.load();
    List<Row> uncertain = review.stream().filter(r -> r.getAs("reason").equals("uncertain")).toList();
    assertThat(uncertain).isNotEmpty().allSatisfy(r -> {
      assertThat(r.<Double>getAs("match_probability")).isGreaterThanOrEqualTo(m.reviewProbability())
          .isLessThan(m.acceptProbability());
      assertThat(r.<String>getAs("level_birth_date")).isNotNull();
    });
    assertThat(result.summary().uncertainPairs()).isEqualTo(uncertain.size());
  }

  @Test
  void fittedParametersAreReportedForEveryLevelWithEmConvergence() {
    LinkageModel m = LinkageModel.load();
    int levels = m.comparisons().stream().mapToInt(c -> c.levels().size()).sum();
    assertThat(result.modelParameters().count()).isEqualTo(levels);
    FittedModel fitted = result.summary().fitted();
    assertThat(fitted.lambdaSource()).startsWith("pass 1");
    assertThat(fitted.emPasses()).hasSize(m.training().blockingRules().size())
        .allSatisfy(p -> assertThat(p.iterations()).isBetween(1, m.training().maxIterations()));
    // An exact name says more than a one-character difference; a different birth date counts against.
    assertThat(fitted.comparison("name").levels().get(0).weight())
        .isGreaterThan(fitted.comparison("name").levels().get(1).weight());
    assertThat(fitted.comparison("birth_date").levels().get(4).weight()).isNegative();
  }
}
