package io.jingzhun.linkage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small seeded population for linkage tests: registry members (most with a valid ID) and a civil
 * affairs and an education extract describing some of the same people with realistic noise (missing
 * IDs, a character typo, a day–month swap). Each record's true person is its {@code person} number,
 * the last part of its record key ({@code <table>:f:<line>:<person>} is not used; see {@link #truth}).
 */
final class SyntheticPeople {
  static final String[] SURNAMES = {"马", "韩", "王", "李", "张", "才让", "冶", "祁", "赵", "刘"};
  static final String[] GIVEN = {"明", "华", "丽", "军", "梅", "强", "芳", "杰", "英", "平", "福", "兰", "海", "秀", "成", "德"};
  static final String[] VILLAGES = {"630222101201", "630222101202", "630222102201", "630223101201"};

  final List<String> members = new ArrayList<>();
  final List<String> households = new ArrayList<>();
  final List<String> civil = new ArrayList<>();
  final List<String> education = new ArrayList<>();
  /** record_key → true person number. */
  final java.util.Map<String, Integer> truth = new java.util.HashMap<>();

  SyntheticPeople(int householdCount, long seed) {
    Random rnd = new Random(seed);
    int person = 0;
    int civilLine = 1;
    int eduLine = 1;
    int memberLine = 1;
    for (int h = 0; h < householdCount; h++) {
      String hid = String.format("H%06d", h);
      String village = VILLAGES[rnd.nextInt(VILLAGES.length)];
      households.add(String.format("'households:f:%d', '%s', '%s', '%s', '%s', 'ordinary', 'not_exited', 0, 0, 0, 0, 0",
          h + 2, hid, village.substring(0, 6), village.substring(0, 9), village));
      int size = 1 + rnd.nextInt(4);
      String surname = SURNAMES[rnd.nextInt(SURNAMES.length)];
      for (int k = 1; k <= size; k++) {
        person++;
        String given = GIVEN[rnd.nextInt(GIVEN.length)] + (rnd.nextBoolean() ? GIVEN[rnd.nextInt(GIVEN.length)] : "");
        String name = surname.length() > 1 ? surname + "\u00B7" + given + "杰" : surname + given;
        LocalDate birth = LocalDate.of(1950 + rnd.nextInt(65), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        boolean male = rnd.nextBoolean();
        String id = Fixtures.id(village.substring(0, 6), birth.toString().replace("-", ""),
            String.format("%02d%d", rnd.nextInt(100), male ? 1 + 2 * rnd.nextInt(5) : 2 * rnd.nextInt(5)));
        String memberId = rnd.nextDouble() < 0.9 ? id : null;
        String key = "members:f:" + (++memberLine);
        members.add(String.format("'%s', '%s', %d, '%s', '%s', %s, %s, NULL, '%s', DATE'%s', 'han', 'child', NULL, 'f', %d",
            key, hid, k, name, name, q(memberId), q(memberId), male ? "male" : "female", birth, memberLine));
        truth.put(key, person);
        if (rnd.nextDouble() < 0.6) {
          // Civil affairs sees this person, with noise.
          String cid = rnd.nextDouble() < 0.6 ? id : null;
          String cname = name;
          LocalDate cbirth = birth;
          double noise = rnd.nextDouble();
          if (noise < 0.1) {
            cname = name.substring(0, name.length() - 1) + "某";
          } else if (noise < 0.15 && birth.getDayOfMonth() <= 12 && birth.getDayOfMonth() != birth.getMonthValue()) {
            cbirth = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue());
          }
          String ckey = "civil_affairs:f:" + (++civilLine);
          civil.add(String.format("'%s', 'C%d', %s, %s, '%s', '%s', '%s', DATE'%s', 'dibao', 'active', NULL, NULL, 300.0, NULL, '%s', %s",
              ckey, civilLine, q(cid), q(cid), cname, cname, male ? "male" : "female", cbirth, village.substring(0, 6),
              rnd.nextBoolean() ? q(village) : "NULL"));
          truth.put(ckey, person);
        }
        int age = 2026 - birth.getYear();
        if (age >= 6 && age <= 18 || rnd.nextDouble() < 0.1) {
          String ekey = "education:f:" + (++eduLine);
          education.add(String.format("'%s', NULL, NULL, '%s', '%s', '%s', DATE'%s', 'S1', 'primary', 'enrolled', NULL, '%s', NULL",
              ekey, name, name, male ? "male" : "female", birth, village));
          truth.put(ekey, person);
        }
      }
    }
  }

  private static String q(String s) {
    return s == null ? "NULL" : "'" + s + "'";
  }

  StagedTables staged() {
    return StagedTables.of(java.util.Map.of(
        "households", Fixtures.table(Fixtures.HOUSEHOLD_COLS, households),
        "members", Fixtures.table(Fixtures.MEMBER_COLS, members),
        "civil_affairs", Fixtures.table(Fixtures.CIVIL_COLS, civil),
        "education", Fixtures.table(Fixtures.EDUCATION_COLS, education)));
  }
}
