package io.jingzhun.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.identity.Gender;
import io.jingzhun.identity.ResidentIdCheck;
import io.jingzhun.identity.ResidentIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's promise to the linkage engineer: with perfect linkage (the truth's person ids) the
 * cross-department finding rules, as docs/generator.md states them, find exactly the planted audit
 * defects — every one, and nothing else. The rules are evaluated here independently of the generator,
 * on the files as written (rows ingestion would quarantine left out).
 */
class TruthAuditTest {
  private static final Set<String> TARGETED =
      Set.of("DIBAO", "TEKUN", "DISABILITY", "EDU_AID", "INDUSTRY", "RELOCATION", "HOUSING");
  private static final Map<String, String> PROGRAMMES = Map.ofEntries(
      Map.entry("低保金", "DIBAO"), Map.entry("最低生活保障金", "DIBAO"), Map.entry("特困供养金", "TEKUN"),
      Map.entry("特困人员救助供养金", "TEKUN"), Map.entry("生态补偿", "ECO_COMP"),
      Map.entry("草原生态保护补助奖励", "ECO_COMP"), Map.entry("城乡居民基础养老金", "PENSION"),
      Map.entry("养老金", "PENSION"), Map.entry("残疾人两项补贴", "DISABILITY"), Map.entry("教育资助", "EDU_AID"),
      Map.entry("雨露计划", "EDU_AID"), Map.entry("产业扶持资金", "INDUSTRY"), Map.entry("产业到户资金", "INDUSTRY"),
      Map.entry("易地扶贫搬迁补助", "RELOCATION"), Map.entry("农村危房改造补助", "HOUSING"), Map.entry("危房改造", "HOUSING"));
  private static final Map<String, String> TRANSFER_ITEM = Map.of(
      "DIBAO", "transfer_dibao", "TEKUN", "transfer_tekun", "PENSION", "transfer_pension",
      "ECO_COMP", "transfer_eco_compensation", "DISABILITY", "transfer_other", "EDU_AID", "transfer_other");

  @ParameterizedTest(name = "{0} profile, {1} households, run date {2}")
  @CsvSource({"sample, 900, 2026-11-27", "dense, 1500, 2026-11-27", "dense, 1500, 2027-06-27"})
  void perfectLinkageFindsExactlyThePlantedAuditDefects(String profileName, int householdCount, String day,
      @TempDir Path out) throws IOException {
    GeneratorProfile profile = profileName.equals("dense")
        ? GeneratorProfile.parse(ProjectFiles.read(GeneratorProfile.FILE).replace(": 0.001", ": 0.02"),
            GeneratorProfile.FILE, "default")
        : GeneratorProfile.load(profileName);
    LocalDate date = LocalDate.parse(day);
    Generator.run(new Generator.Settings(householdCount, 77, out.toString(), date, profile, 2));
    Path landing = out.resolve(day);
    Path truthDir = out.resolve("truth/" + day);

    Set<String> quarantined = new HashSet<>();
    Set<String> planted = new TreeSet<>();
    for (String line : LandingFiles.lines(truthDir.resolve("defects.csv")).stream().skip(1).toList()) {
      List<String> f = LandingFiles.csv(line);
      if (f.get(7).startsWith("quarantine:")) {
        quarantined.add(f.get(3) + ":" + f.get(4));
      }
      if (f.get(0).equals("audit")) {
        boolean householdRule = Set.of("DIBAO_WITHOUT_ATTRIBUTE", "ATTRIBUTE_WITHOUT_DIBAO",
            "TRANSFERS_EXCEED_REPORTED").contains(f.get(1));
        planted.add(f.get(1) + " " + (householdRule ? f.get(6) : f.get(5)));
      }
    }
    Map<String, String> person = new HashMap<>();
    for (String line : LandingFiles.lines(truthDir.resolve("records.csv")).stream().skip(1).toList()) {
      List<String> f = LandingFiles.csv(line);
      person.put(f.get(1) + ":" + f.get(2), f.get(3));
    }
    Map<String, List<Map<String, String>>> tables = new HashMap<>();
    for (String table : GeneratorProfile.TABLES) {
      List<Map<String, String>> rows = new ArrayList<>();
      try (Stream<Path> parts = Files.list(landing.resolve(table))) {
        for (Path part : parts.sorted().toList()) {
          String file = table + "/" + part.getFileName();
          for (Map<String, String> row : read(part, table)) {
            String key = file + ":" + row.get("_line");
            if (!quarantined.contains(key)) {
              row.put("_person", person.get(key));
              rows.add(row);
            }
          }
        }
      }
      tables.put(table, rows);
    }

    Set<String> found = new TreeSet<>();
    Map<String, Map<String, String>> households = new HashMap<>();
    for (Map<String, String> h : tables.get("households")) {
      households.put(h.get("household_id"), h);
    }
    Map<String, Set<String>> householdsOf = new HashMap<>();
    Map<String, Set<String>> membersOf = new HashMap<>();
    for (Map<String, String> m : tables.get("members")) {
      householdsOf.computeIfAbsent(m.get("_person"), k -> new HashSet<>()).add(m.get("household_id"));
      membersOf.computeIfAbsent(m.get("household_id"), k -> new HashSet<>()).add(m.get("_person"));
      ResidentIdCheck c = ResidentIds.check(m.get("id_number"), date);
      LocalDate birth = date(m.get("birth_date"));
      if (c.valid() && birth != null && !birth.equals(c.birthDate())) {
        found.add("ID_BIRTH_DATE_MISMATCH " + m.get("_person"));
      }
      if (c.valid() && !m.get("gender").isEmpty()
          && (c.gender() == Gender.MALE) != Set.of("男", "male", "1", "M").contains(m.get("gender"))) {
        found.add("ID_GENDER_MISMATCH " + m.get("_person"));
      }
    }
    householdsOf.forEach((p, hs) -> {
      if (hs.size() > 1) {
        found.add("REGISTERED_IN_TWO_HOUSEHOLDS " + p);
      }
    });
    Map<String, LocalDate> deaths = new HashMap<>();
    Map<String, String> activeDibao = new HashMap<>();
    for (Map<String, String> c : tables.get("civil_affairs")) {
      String programme = c.get("programme");
      if (Set.of("death_registration", "死亡登记", "死亡").contains(programme)) {
        deaths.put(c.get("_person"), date(c.get("death_date")));
      }
      if (Set.of("dibao", "低保", "最低生活保障").contains(programme)
          && Set.of("active", "在保", "正常", "有效").contains(c.get("status"))) {
        activeDibao.put(c.get("_person"), c.get("record_id"));
      }
    }
    deaths.forEach((p, d) -> {
      if (householdsOf.containsKey(p) && !d.isAfter(date)) {
        found.add("DECEASED_STILL_LISTED " + p);
      }
    });
    for (Map<String, String> pr : tables.get("finance_payroll")) {
      if (householdsOf.containsKey(pr.get("_person"))) {
        found.add("PAYROLL_IN_POOR_HOUSEHOLD " + pr.get("_person"));
      }
    }
    Set<String> enrolled = new HashSet<>();
    Set<String> dropped = new HashSet<>();
    for (Map<String, String> e : tables.get("education")) {
      String s = e.get("enrolment_status");
      if (Set.of("enrolled", "在读", "在校").contains(s)) {
        enrolled.add(e.get("_person"));
      } else if (Set.of("dropped_out", "辍学", "失学").contains(s)) {
        dropped.add(e.get("_person"));
      }
    }
    for (Map<String, String> m : tables.get("members")) {
      String p = m.get("_person");
      ResidentIdCheck c = ResidentIds.check(m.get("id_number"), date);
      LocalDate birth = c.valid() ? c.birthDate() : date(m.get("birth_date"));
      int age = Period.between(birth, date).getYears();
      if (dropped.contains(p) && !enrolled.contains(p)) {
        found.add("CHILD_DROPPED_OUT " + p);
      } else if (age >= 6 && age <= 15 && !enrolled.contains(p) && !deaths.containsKey(p)) {
        found.add("CHILD_NOT_ENROLLED " + p);
      }
    }
    Map<String, Double> paid = new HashMap<>();
    for (Map<String, String> pay : tables.get("finance_payments")) {
      String p = pay.get("_person");
      String programme = PROGRAMMES.getOrDefault(pay.get("programme_code"), pay.get("programme_code"));
      LocalDate when = date(pay.get("payment_date"));
      if (deaths.containsKey(p) && when.isAfter(deaths.get(p))) {
        found.add("DECEASED_STILL_PAID " + p);
      }
      if (TARGETED.contains(programme) && !householdsOf.containsKey(p)) {
        found.add("PAYMENT_TO_UNREGISTERED " + p);
      }
      if (TRANSFER_ITEM.containsKey(programme)) {
        Set<String> hs = new HashSet<>(householdsOf.getOrDefault(p, Set.of()));
        if (!pay.get("household_id").isEmpty()) {
          hs.add(pay.get("household_id"));
        }
        for (String h : hs) {
          paid.merge(h, number(pay.get("amount")), Double::sum);
        }
      }
    }
    for (Map<String, String> h : households.values()) {
      String id = h.get("household_id");
      boolean dibao = Set.of("dibao", "低保贫困户", "低保户").contains(h.get("attribute"));
      boolean anyActive = membersOf.getOrDefault(id, Set.of()).stream().anyMatch(activeDibao::containsKey);
      if (!dibao && anyActive) {
        found.add("DIBAO_WITHOUT_ATTRIBUTE " + id);
      }
      if (dibao && !anyActive) {
        found.add("ATTRIBUTE_WITHOUT_DIBAO " + id);
      }
      double reported = 0;
      for (String item : Set.copyOf(TRANSFER_ITEM.values())) {
        reported += number(h.get(item));
      }
      double p = paid.getOrDefault(id, 0.0);
      if (p > reported + Math.max(200, 0.10 * reported)) {
        found.add("TRANSFERS_EXCEED_REPORTED " + id);
      }
    }
    assertThat(planted).as("planted defects").isNotEmpty();
    Set<String> missed = new TreeSet<>(planted);
    missed.removeAll(found);
    Set<String> unexplained = new TreeSet<>(found);
    unexplained.removeAll(planted);
    assertThat(missed).as("planted but not found").isEmpty();
    assertThat(unexplained).as("found but not planted").isEmpty();
  }

  private static List<Map<String, String>> read(Path part, String table) throws IOException {
    if (!part.toString().endsWith(".jsonl")) {
      List<Map<String, String>> rows = LandingFiles.csvRows(part);
      List<String> labels = TableLayout.load(table).labels;
      List<String> names = TableLayout.load(table).names;
      for (Map<String, String> row : rows) {
        for (int i = 0; i < labels.size(); i++) {
          if (row.containsKey(labels.get(i)) && !row.containsKey(names.get(i))) {
            row.put(names.get(i), row.get(labels.get(i)));
          }
        }
      }
      return rows;
    }
    List<Map<String, String>> rows = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    List<String> lines = LandingFiles.lines(part);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = json.readTree(lines.get(i));
      Map<String, String> row = new LinkedHashMap<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        row.put(k, n.get(k).asText());
      }
      row.put("_line", String.valueOf(i + 1));
      rows.add(row);
    }
    return rows;
  }

  private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年]?(\\d{1,2})[-/.月]?(\\d{1,2})日?");

  private static LocalDate date(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Matcher m = DATE.matcher(Emitter.stripWide(text.strip()));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a date: " + text);
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  private static double number(String text) {
    return text == null || text.isEmpty() ? 0 : Double.parseDouble(Emitter.stripWide(text).replace(",", ""));
  }
}
