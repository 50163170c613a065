package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import io.jingzhun.publish.PseudonymKey;
import io.jingzhun.publish.PublishedTables;
import io.jingzhun.publish.Pseudonyms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The nightly run on sample-data/, as an analyst starts it ({@code bin/jingzhun run}), and what planners
 * and auditors then rely on in the published tables: the planted defects where they belong, consistent
 * measures, deterministic ranks, no personal data in clear, identical re-runs, and a publish that is
 * all-or-nothing when killed or blocked by the quality gate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRunIT {
  private static final Pattern CLEAR_ID = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
  /** Keyed pseudonyms (32 hex): a run of 18 of their digits is chance, not an ID number. */
  private static final Pattern PSEUDONYM = Pattern.compile("(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])");

  private final SparkSession spark = TestSpark.get();
  private Path work;
  private Path logs;
  private Warehouse warehouse;
  private JingzhunCli cli;
  private Map<String, List<String>> firstRun;

  @BeforeAll
  void firstRun() throws IOException {
    // The shared reference run is this test's first run: bin/jingzhun run, local mode, sample-data/.
    NightlyRuns.Reference reference = NightlyRuns.referenceRun();
    work = reference.warehouse().getParent();
    logs = Files.createDirectories(ItEnvironment.home().resolve("jobs/target/it-logs/nightly-run"));
    warehouse = Warehouse.at(reference.warehouse().toString());
    cli = JingzhunCli.withEnvironment(NightlyRuns.environment(Map.of()));
    assertThat(reference.result().output()).contains("[1/6] ingest", "[5/6] publish", "Run summary:");
    firstRun = snapshot();
  }

  private JingzhunCli.Result run(String stage, String log) {
    return cli.run(List.of(stage, "--date", NightlyRuns.DATE, "--landing", NightlyRuns.sampleData().toString(),
        "--warehouse", warehouse.root()), logs.resolve(log), Duration.ofMinutes(30));
  }

  private PublishedTables published() {
    return PublishedTables.open(spark, warehouse, Optional.empty());
  }

  /** Every published table, each row as JSON, sorted: what a reader of the warehouse sees now. */
  private Map<String, List<String>> snapshot() {
    PublishedTables tables = published();
    Map<String, List<String>> out = new TreeMap<>();
    for (String name : PublishedSnapshot.publishedTables()) {
      List<String> rows = new ArrayList<>(tables.table(name).toJSON().collectAsList());
      rows.sort(null);
      out.put(name, rows);
    }
    return out;
  }

  private static List<String[]> truth(String kind, String code) throws IOException {
    Path defects = NightlyRuns.sampleData().resolve("truth").resolve(NightlyRuns.DATE).resolve("defects.csv");
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(defects)) {
      String[] f = line.split(",", -1);
      if (f[0].equals(kind) && (code == null || f[1].equals(code))) {
        out.add(f);
      }
    }
    return out;
  }

  private String householdKey(String householdId) {
    return Pseudonyms.of(PseudonymKey.of(NightlyRuns.PSEUDONYM_KEY, "test"), Pseudonyms.HOUSEHOLD, householdId);
  }

  @Test
  @Order(1)
  void everyPublishedTableHasRows() {
    assertThat(firstRun.keySet()).containsExactlyInAnyOrderElementsOf(PublishedSnapshot.publishedTables());
    firstRun.forEach((table, rows) -> assertThat(rows).as(table).isNotEmpty());
  }

  @Test
  @Order(2)
  void theDropoutDeprivesItsHouseholdInEducation() throws IOException {
    List<String[]> dropouts = truth("audit", "CHILD_DROPPED_OUT");
    assertThat(dropouts).as("sample-data plants a dropout").isNotEmpty();
    for (String[] d : dropouts) {
      Row h = published().table("household_index").where("household_key = '" + householdKey(d[6]) + "'").first();
      assertThat(h.getList(h.fieldIndex("deprived_in"))).as("household %s", d[6]).contains("education");
    }
  }

  @Test
  @Order(3)
  void theDeceasedMemberIsNotCounted() throws IOException {
    List<String[]> deceased = truth("audit", "DECEASED_STILL_LISTED");
    assertThat(deceased).as("sample-data plants a deceased member still listed").isNotEmpty();
    Dataset<Row> members = spark.read().parquet(warehouse.partition(Layer.STAGED, "members", LocalDate.parse(
        NightlyRuns.DATE)));
    for (String[] d : deceased) {
      long listed = members.where("household_id = '" + d[6] + "'").count();
      Row h = published().table("household_index").where("household_key = '" + householdKey(d[6]) + "'").first();
      int living = ((Number) h.getAs("living_members")).intValue();
      int dead = ((Number) h.getAs("deceased_members")).intValue();
      assertThat(dead).as("household %s", d[6]).isGreaterThanOrEqualTo(1);
      assertThat(living + dead).as("household %s: every listed member is living or deceased", d[6])
          .isEqualTo(listed);
    }
  }

  @Test
  @Order(4)
  void everyPlantedAuditDefectIsAmongTheFindings() throws IOException {
    Set<String> planted = new HashSet<>();
    truth("audit", null).forEach(f -> planted.add(f[1]));
    Set<String> found = new HashSet<>(published().table("findings").select("rule_code").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertThat(found).containsAll(planted);
  }

  @Test
  @Order(5)
  void m0IsHTimesAInEveryAggregate() {
    for (String table : List.of("village_index", "township_index", "county_index", "breakdowns",
        "most_deprived_villages")) {
      Dataset<Row> rows = published().table(table);
      long bad = rows.where("abs(M0 - H * coalesce(A, 0)) > 1e-9 OR M0 < 0 OR M0 > 1 OR H < 0 OR H > 1").count();
      assertThat(bad).as("%s rows where M0 ≠ H × A or a measure is outside [0, 1]", table).isZero();
      assertThat(rows.count()).as(table).isPositive();
    }
  }

  @Test
  @Order(6)
  void ranksAreDenseAndFollowM0ThenHThenCode() {
    assertRanked("village_index", "county_code, township_code, k", "M0 DESC, H DESC, village_code", "rank");
    assertRanked("township_index", "county_code, k", "M0 DESC, H DESC, township_code", "rank");
    assertRanked("county_index", "k", "M0 DESC, H DESC, county_code", "rank");
    // Households within their village: by score, every rank from 1 without gaps.
    long gaps = published().table("household_index").where("rank_in_village IS NOT NULL")
        .selectExpr("village_code", "rank_in_village",
            "row_number() OVER (PARTITION BY village_code ORDER BY rank_in_village) AS expected",
            "lag(score) OVER (PARTITION BY village_code ORDER BY rank_in_village) AS previous_score", "score")
        .where("rank_in_village <> expected OR previous_score < score").count();
    assertThat(gaps).as("households out of rank order or with rank gaps").isZero();
  }

  private void assertRanked(String table, String partition, String order, String rank) {
    Dataset<Row> t = published().table(table);
    t.createOrReplaceTempView("ranked_" + table);
    long ranked = t.where(rank + " IS NOT NULL").count();
    assertThat(ranked).as("%s rows with a rank", table).isPositive();
    long wrong = spark.sql("SELECT * FROM (SELECT " + rank + ", row_number() OVER (PARTITION BY " + partition
        + " ORDER BY " + order + ") AS expected FROM ranked_" + table + " WHERE " + rank + " IS NOT NULL) WHERE "
        + rank + " <> expected").count();
    assertThat(wrong).as("%s: rows whose rank is not their place by %s within %s", table, order, partition).isZero();
  }

  @Test
  @Order(7)
  void noClearIdNumberOrNameInAnyPublishedTable() {
    LocalDate date = LocalDate.parse(NightlyRuns.DATE);
    Set<String> names = new HashSet<>();
    Dataset<Row> staged = spark.read().parquet(warehouse.partition(Layer.STAGED, "members", date));
    for (String column : List.of("name", "name_normalised")) {
      if (!List.of(staged.columns()).contains(column)) {
        continue;
      }
      names.addAll(staged.select(column)
          .where(column + " IS NOT NULL AND length(" + column + ") >= 2").distinct()
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }
    assertThat(names).as("member names to look for").hasSizeGreaterThan(100);
    PublishedTables tables = published();
    for (String table : PublishedSnapshot.publishedTables()) {
      Dataset<Row> t = tables.table(table);
      List<String> strings = new ArrayList<>();
      for (StructField f : t.schema().fields()) {
        if (f.dataType().equals(DataTypes.StringType)) {
          strings.add("`" + f.name() + "`");
        } else if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType) {
          strings.add("array_join(`" + f.name() + "`, ' ')");
        }
      }
      if (strings.isEmpty()) {
        continue;
      }
      List<String> cells = t.selectExpr("explode(array(" + String.join(", ", strings) + ")) AS v")
          .where("v IS NOT NULL").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      for (String cell : cells) {
        String withoutPseudonyms = PSEUDONYM.matcher(cell).replaceAll(" ");
        assertThat(CLEAR_ID.matcher(withoutPseudonyms).find()).as("%s holds a clear ID number", table).isFalse();
        assertThat(names.contains(cell.trim())).as("%s holds a clear member name", table).isFalse();
      }
    }
  }

  @Test
  @Order(8)
  void aSecondRunOfTheSameDateGivesIdenticalTables() {
    JingzhunCli.Result r = run("run", "run-2.log");
    assertThat(r.exitCode()).as("the re-run; output:\n%s", r.output()).isZero();
    assertThat(snapshot()).isEqualTo(firstRun);
  }

  @Test
  @Order(9)
  void aPublishKilledMidWriteLeavesThePreviousTablesReadableAndIntact() throws IOException {
    Set<String> before = publishedFiles();
    List<String> written;
    try (ChildProcess publish = cli.start(List.of("publish", "--date", NightlyRuns.DATE, "--warehouse",
        warehouse.root()), logs.resolve("publish-killed.log"))) {
      written = awaitNewDataFiles(publish, before);
      publish.kill(); // as abrupt as the OOM killer: no shutdown hooks
    }
    Set<String> after = publishedFiles();
    assertThat(written).as("files the killed publish had written").isNotEmpty();
    assertThat(after.stream().filter(f -> !before.contains(f) && f.contains("_manifests")).toList())
        .as("the kill came before the commit (else this proves nothing)").isEmpty();
    assertThat(snapshot()).isEqualTo(firstRun);
  }

  @Test
  @Order(10)
  void anErrorLevelRuleFailingAtPublishBlocksItAndLeavesThePreviousTables() {
    // A defect in the index stage's output: one area's M0 no longer equals H × A. The publish gate's
    // error-level rule m0_is_h_times_a must stop the commit.
    LocalDate date = LocalDate.parse(NightlyRuns.DATE);
    String measures = warehouse.partition(Layer.INDEXED, "area_measures", date);
    Dataset<Row> good = spark.read().parquet(measures).cache();
    good.count();
    String broken = work.resolve("area_measures_broken").toUri().toString();
    good.withColumn("M0", org.apache.spark.sql.functions.expr("M0 + 0.05")).write().mode(SaveMode.Overwrite)
        .parquet(broken);
    spark.read().parquet(broken).write().mode(SaveMode.Overwrite).parquet(measures);
    Set<String> manifestsBefore = manifests();

    JingzhunCli.Result r = cli.run(List.of("publish", "--date", NightlyRuns.DATE, "--warehouse", warehouse.root()),
        logs.resolve("publish-blocked.log"), Duration.ofMinutes(20));
    assertThat(r.exitCode()).as("exit code of a blocked publish; output:\n%s", r.output()).isEqualTo(2);
    assertThat(r.output()).contains("m0_is_h_times_a");
    assertThat(manifests()).isEqualTo(manifestsBefore);
    assertThat(snapshot()).isEqualTo(firstRun);
    good.unpersist();
  }

  @Test
  @Order(11)
  void findingsAloneAreRecomputedOverTonightsCrosswalkWithoutRelinking() throws IOException {
    // An auditor changes conf/findings.yaml and recomputes tonight's findings: same rules, same answer,
    // and the crosswalk (linkage's output) is not rewritten.
    Path crosswalk = Path.of(java.net.URI.create(
        warehouse.partition(Layer.LINKED, "person_crosswalk", LocalDate.parse(NightlyRuns.DATE))));
    Map<String, java.nio.file.attribute.FileTime> crosswalkFiles = modificationTimes(crosswalk);
    String findings = warehouse.partition(Layer.LINKED, "findings", LocalDate.parse(NightlyRuns.DATE));
    List<String> before = sortedJson(spark.read().parquet(findings));

    JingzhunCli.Result r = cli.run(List.of("link", "--date", NightlyRuns.DATE, "--warehouse", warehouse.root(),
        "--findings-only"), logs.resolve("findings-only.log"), Duration.ofMinutes(20));
    assertThat(r.exitCode()).as("link --findings-only; output:\n%s", r.output()).isZero();
    assertThat(r.output()).contains("findings " + NightlyRuns.DATE).doesNotContain("pass 1");
    assertThat(modificationTimes(crosswalk)).isEqualTo(crosswalkFiles);
    assertThat(sortedJson(spark.read().parquet(findings))).isNotEmpty().isEqualTo(before);

    JingzhunCli.Result nothing = cli.run(List.of("link", "--date", "2026-01-01", "--warehouse", warehouse.root(),
        "--findings-only"), logs.resolve("findings-only-no-crosswalk.log"), Duration.ofMinutes(5));
    assertThat(nothing.exitCode()).isNotZero();
    assertThat(nothing.output()).contains("no person crosswalk", "run link first");
  }

  private static List<String> sortedJson(Dataset<Row> rows) {
    List<String> out = new ArrayList<>(rows.toJSON().collectAsList());
    out.sort(null);
    return out;
  }

  private static Map<String, java.nio.file.attribute.FileTime> modificationTimes(Path folder) throws IOException {
    Map<String, java.nio.file.attribute.FileTime> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    assertThat(out).as("files of %s", folder).isNotEmpty();
    return out;
  }

  private Set<String> manifests() {
    return publishedFiles().stream().filter(f -> f.contains("_manifests")).collect(
        java.util.stream.Collectors.toSet());
  }

  private Set<String> publishedFiles() {
    Path root = Path.of(java.net.URI.create(warehouse.resolve(Layer.PUBLISHED.folder())));
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .collect(java.util.stream.Collectors.toSet());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<String> awaitNewDataFiles(ChildProcess run, Set<String> before) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
    while (Instant.now().isBefore(deadline)) {
      assertThat(run.isAlive()).as("the publish ended before it wrote anything; output:\n%s", run.tail()).isTrue();
      List<String> fresh = publishedFiles().stream()
          .filter(f -> !before.contains(f) && f.endsWith(".parquet") && !f.contains("_manifests")).toList();
      if (!fresh.isEmpty()) {
        return fresh;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the publish wrote nothing within 20 minutes:\n" + run.tail());
  }
}
