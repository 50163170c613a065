package io.jingzhun.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.ProjectFiles;
import io.jingzhun.identity.Gender;
import io.jingzhun.identity.ResidentIdCheck;
import io.jingzhun.identity.ResidentIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  static final LocalDate DATE = LocalDate.of(2026, 11, 27);

  /** The default profile with small chunks, so a few hundred households make several part files. */
  static GeneratorProfile smallChunks(String profile) {
    String yaml = ProjectFiles.read(GeneratorProfile.FILE)
        .replace("chunk_households: 20000", "chunk_households: 100");
    return GeneratorProfile.parse(yaml, GeneratorProfile.FILE, profile);
  }

  static GenerationSummary generate(Path out, long households, long seed, LocalDate date, GeneratorProfile p,
      int threads) {
    return Generator.run(new Generator.Settings(households, seed, out.toString(), date, p, threads));
  }

  @Test
  void sameSeedAndArgumentsGiveIdenticalBytesWhateverTheThreads(@TempDir Path a, @TempDir Path b,
      @TempDir Path c) throws IOException {
    GeneratorProfile p = smallChunks("default");
    generate(a, 250, 42, DATE, p, 1);
    generate(b, 250, 42, DATE, p, 2);
    Map<String, byte[]> first = LandingFiles.tree(a);
    Map<String, byte[]> second = LandingFiles.tree(b);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    for (String f : first.keySet()) {
      assertThat(Arrays.equals(first.get(f), second.get(f))).as(f).isTrue();
    }
    generate(c, 250, 43, DATE, p, 2);
    assertThat(Arrays.equals(LandingFiles.tree(c).get("2026-11-27/members/part-00000.csv"),
        first.get("2026-11-27/members/part-00000.csv"))).as("another seed, other people").isFalse();
  }

  @Test
  void largeTablesAreSplitIntoOnePartFilePerChunkAndNoCrcFiles(@TempDir Path out) throws IOException {
    GenerationSummary s = generate(out, 250, 1, DATE, smallChunks("default"), 2);
    for (String table : GeneratorProfile.TABLES) {
      try (Stream<Path> files = Files.list(out.resolve("2026-11-27").resolve(table))) {
        assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
            .as(table).containsExactly("part-00000.csv", "part-00001.csv", "part-00002.csv");
      }
    }
    assertThat(s.rowsPerTable().get("households"))
        .as("one row per household, plus planted duplicate rows").isEqualTo(250 + countDuplicateHouseholdRows(out));
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.map(Path::toString).filter(n -> n.endsWith(".crc") || n.endsWith(".tmp"))).isEmpty();
    }
  }

  private static long countDuplicateHouseholdRows(Path out) throws IOException {
    return LandingFiles.lines(out.resolve("truth/2026-11-27/defects.csv")).stream()
        .filter(l -> l.startsWith("data,DUPLICATE_ROW,households,")).count();
  }

  @Test
  void theTruthNamesTheTruePersonBehindEveryPhysicalLine(@TempDir Path out) throws IOException {
    generate(out, 300, 5, DATE, smallChunks("sample"), 2);
    Path day = out.resolve("2026-11-27");
    Map<String, Set<Long>> truthLines = new HashMap<>();
    List<String> truth = LandingFiles.lines(out.resolve("truth/2026-11-27/records.csv"));
    assertThat(truth.get(0)).isEqualTo("table,source_file,source_line,person_id,household_id");
    for (String line : truth.subList(1, truth.size())) {
      List<String> f = LandingFiles.csv(line);
      assertThat(f.get(1)).startsWith(f.get(0) + "/");
      assertThat(f.get(3)).matches("[PN][0-9]+-[0-9]+");
      if (f.get(3).startsWith("P")) {
        assertThat(f.get(4)).matches("[0-9]{16}");
      }
      assertThat(truthLines.computeIfAbsent(f.get(1), k -> new HashSet<>()).add(Long.parseLong(f.get(2))))
          .as("one truth row per line").isTrue();
    }
    long files = 0;
    for (String table : GeneratorProfile.TABLES) {
      try (Stream<Path> parts = Files.list(day.resolve(table))) {
        for (Path part : parts.sorted().toList()) {
          files++;
          String name = table + "/" + part.getFileName();
          int physical = LandingFiles.lines(part).size();
          boolean jsonl = name.endsWith(".jsonl");
          Set<Long> expected = new HashSet<>();
          for (long l = jsonl ? 1 : 2; l <= physical; l++) {
            expected.add(l);
          }
          assertThat(truthLines.getOrDefault(name, Set.of())).as(name).isEqualTo(expected);
        }
      }
    }
    assertThat(truthLines).hasSize((int) files);
    // Every defect points at a line the truth knows, with the codes and expectations documented.
    for (String line : LandingFiles.lines(out.resolve("truth/2026-11-27/defects.csv")).stream().skip(1).toList()) {
      List<String> f = LandingFiles.csv(line);
      assertThat(f).hasSize(8);
      assertThat(truthLines.get(f.get(3))).as(line).contains(Long.parseLong(f.get(4)));
      assertThat(f.get(0)).isIn("audit", "data");
      assertThat(f.get(7)).matches("finding:[A-Z_]+|quarantine:[A-Z_]+(:[a-z_]+)?|staged:[a-z_]+=.+");
    }
  }

  @Test
  void registryMembersHaveValidUniqueIdsMatchingBirthDateAndGender(@TempDir Path out) throws IOException {
    generate(out, 400, 9, DATE, smallChunks("default"), 2);
    Set<String> noisyLines = new HashSet<>();
    for (String line : LandingFiles.lines(out.resolve("truth/2026-11-27/defects.csv")).stream().skip(1).toList()) {
      List<String> f = LandingFiles.csv(line);
      noisyLines.add(f.get(3) + ":" + f.get(4));
    }
    Map<String, String> personOfLine = new HashMap<>();
    for (String line : LandingFiles.lines(out.resolve("truth/2026-11-27/records.csv")).stream().skip(1).toList()) {
      List<String> f = LandingFiles.csv(line);
      personOfLine.put(f.get(1) + ":" + f.get(2), f.get(3));
    }
    Map<String, String> personOfId = new HashMap<>();
    int checked = 0;
    for (int part = 0; part < 4; part++) {
      String name = String.format("members/part-%05d.csv", part);
      for (Map<String, String> row : LandingFiles.csvRows(out.resolve("2026-11-27").resolve(name))) {
        String key = name + ":" + row.get("_line");
        if (noisyLines.contains(key)) {
          continue;
        }
        ResidentIdCheck c = ResidentIds.check(row.get("id_number"), DATE);
        assertThat(c.valid()).as(key + " " + c.issue()).isTrue();
        assertThat(c.birthDate().toString()).as(key).isEqualTo(row.get("birth_date"));
        assertThat(c.gender()).as(key).isEqualTo(row.get("gender").equals("男") ? Gender.MALE : Gender.FEMALE);
        String previous = personOfId.put(c.normalised(), personOfLine.get(key));
        assertThat(previous == null || previous.equals(personOfLine.get(key))).as("one ID, one person").isTrue();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void samplePlantsEveryKindOfDefectAndFileVariation(@TempDir Path out) throws IOException {
    GenerationSummary s = generate(out, 900, 20261127, DATE, GeneratorProfile.load("sample"), 2);
    for (AuditDefect d : AuditDefect.values()) {
      assertThat(s.auditDefects()).as(d.name()).containsKey(d.name());
    }
    for (DataDefect d : DataDefect.values()) {
      assertThat(s.dataDefects()).as(d.name()).containsKey(d.name());
    }
    for (DataDefect.Variation v : DataDefect.Variation.values()) {
      assertThat(s.dataDefects()).as(v.name()).containsKey(v.name());
    }
    Path day = out.resolve("2026-11-27");
    byte[] members = Files.readAllBytes(day.resolve("members/part-00000.csv"));
    assertThat(members[0] & 0xFF).as("UTF-8 BOM").isEqualTo(0xEF);
    byte[] civil = Files.readAllBytes(day.resolve("civil_affairs/part-00000.csv"));
    assertThat(new String(civil, java.nio.charset.Charset.forName("GBK"))).startsWith("记录编号,身份证号,姓名");
    assertThat(Files.exists(day.resolve("finance_payroll/part-00000.jsonl"))).isTrue();
    assertThat(LandingFiles.lines(day.resolve("households/part-00000.csv")).get(0)).startsWith("户编号,县级行政区划代码");
    assertThat(s.rowsPerTable().get("households")).isBetween(900L, 905L);
    assertThat(s.rowsPerTable().get("members")).isBetween(3000L, 3600L);
  }

  @Test
  void aMonthLaterTheSamePopulationHasChangedALittle(@TempDir Path out) throws IOException {
    GeneratorProfile p = smallChunks("default");
    generate(out, 400, 3, DATE, p, 2);
    generate(out, 400, 3, DATE.plusMonths(1), p, 2);
    Map<String, String> before = statusById(out.resolve("2026-11-27"));
    Map<String, String> after = statusById(out.resolve("2026-12-27"));
    assertThat(after.keySet()).isEqualTo(before.keySet());
    long changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
    assertThat(changed).as("status changes (exits, relapses)").isBetween(1L, 40L);
    Set<String> peopleBefore = people(out, "2026-11-27");
    Set<String> peopleAfter = people(out, "2026-12-27");
    Set<String> common = new HashSet<>(peopleBefore);
    common.retainAll(peopleAfter);
    assertThat(common.size()).isGreaterThan(peopleBefore.size() * 95 / 100);
    assertThat(peopleAfter).as("births or deaths").isNotEqualTo(peopleBefore);
    assertThat(Files.exists(out.resolve("2026-11-27/members/part-00000.csv"))).as("other dates untouched").isTrue();
  }

  private static Map<String, String> statusById(Path day) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> parts = Files.list(day.resolve("households"))) {
      for (Path part : parts.toList()) {
        for (Map<String, String> row : LandingFiles.csvRows(part)) {
          out.put(row.get("household_id"), row.get("status"));
        }
      }
    }
    return out;
  }

  private static Set<String> people(Path out, String date) throws IOException {
    return LandingFiles.lines(out.resolve("truth/" + date + "/records.csv")).stream().skip(1)
        .map(LandingFiles::csv).filter(f -> f.get(0).equals("members")).map(f -> f.get(3))
        .collect(Collectors.toSet());
  }

  @Test
  void reRunningADateReplacesItsFolder(@TempDir Path out) throws IOException {
    GeneratorProfile p = smallChunks("default");
    generate(out, 250, 1, DATE, p, 2);
    generate(out, 120, 1, DATE, p, 2);
    try (Stream<Path> files = Files.list(out.resolve("2026-11-27/members"))) {
      assertThat(files.count()).as("parts of the earlier, larger run are gone").isEqualTo(2);
    }
  }

  @Test
  void profileErrorsNameTheFileAndTheField() {
    String yaml = ProjectFiles.read(GeneratorProfile.FILE);
    assertThatThrownBy(() -> GeneratorProfile.parse(yaml.replace("department_name: 0.08", "department_name: 8"),
        "conf/generator.yaml", "default"))
        .hasMessageContaining("conf/generator.yaml").hasMessageContaining("profiles.default.noise.department_name");
    assertThatThrownBy(() -> GeneratorProfile.parse(yaml, "conf/generator.yaml", "nope"))
        .hasMessageContaining("no profile 'nope'");
    assertThatThrownBy(() -> GeneratorProfile.parse(yaml.replace("CHILD_DROPPED_OUT: 0.001", "CHILD_GONE: 0.001"),
        "conf/generator.yaml", "default"))
        .hasMessageContaining("audit_defects.CHILD_GONE");
  }
}
