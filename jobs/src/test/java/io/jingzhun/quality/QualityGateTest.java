package io.jingzhun.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.cli.ExitCodes;
import io.jingzhun.cli.Main;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.StagedRows;
import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate end to end on two nights of the six staged tables with the project's rule files: a good
 * first night, then a night whose household extract is half as long and carries defects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityGateTest {
  static final LocalDate NIGHT1 = LocalDate.of(2026, 3, 1);
  static final LocalDate NIGHT2 = LocalDate.of(2026, 3, 2);
  static final String PROGRAMMES = "programmes:\n"
      + "  - {code: DIBAO, name: 低保金, poverty_targeted: true}\n  - {code: PENSION, poverty_targeted: false}\n";

  @TempDir static Path dir;
  Warehouse warehouse;
  QualityOutcome first;
  QualityOutcome second;
  SparkSession spark = TestSpark.get();

  int cachedBefore;
  int cachedAfter;

  @BeforeAll
  void twoNights() {
    warehouse = Warehouse.at(dir.resolve("warehouse").toString());
    writeNight(NIGHT1, 40, false);
    cachedBefore = spark.sparkContext().getPersistentRDDs().size();
    first = gate(NIGHT1, false);
    writeNight(NIGHT2, 20, true);
    second = gate(NIGHT2, true);
    cachedAfter = spark.sparkContext().getPersistentRDDs().size();
  }

  @Test
  void theGateKeepsNothingCachedOnceDone() {
    // Each table's rows stay cached until its quarantine is written, then are freed: the nightly run
    // goes on to linkage in the same JVM.
    assertThat(cachedAfter).isEqualTo(cachedBefore);
  }

  private QualityOutcome gate(LocalDate night, boolean profile) {
    return QualityGate.check(spark, warehouse, night, List.of(), RuleFiles.loadAll(),
        ReferenceLists.of(Map.of(ReferenceLists.PROGRAMMES, PROGRAMMES)), profile);
  }

  /** Staged tables of a night; with defects: a duplicated household id, an unknown attribute, bad IDs. */
  private void writeNight(LocalDate night, int households, boolean defects) {
    StagedTables.write(warehouse, "households", night, StagedTables.build("households", households, (i, v) -> {
      if (defects && i == 1) {
        v.put("household_id", StagedTables.householdId(0));
      }
      if (defects && i == 2) {
        v.put("attribute", "wealthy");
      }
      if (defects && i >= 3 && i < 6) {
        v.put("head_id_number", null);
        v.put("head_id_number_issue", "BAD_CHECK_CHARACTER");
      }
    }));
    StagedTables.write(warehouse, "members", night, StagedTables.build("members", households * 3, null));
    StagedTables.write(warehouse, "civil_affairs", night, StagedTables.build("civil_affairs", 10, null));
    StagedTables.write(warehouse, "education", night, StagedTables.build("education", 10, null));
    StagedTables.write(warehouse, "finance_payments", night, StagedTables.build("finance_payments", 10,
        (i, v) -> v.put("household_id", StagedTables.householdId(i))));
    StagedTables.write(warehouse, "finance_payroll", night, StagedTables.build("finance_payroll", 10, null));
    if (defects) {
      StructType q = new StructType().add("table", DataTypes.StringType).add("source_file", DataTypes.StringType)
          .add("source_line", DataTypes.LongType).add("raw", DataTypes.StringType)
          .add("reasons", DataTypes.createArrayType(DataTypes.StringType));
      List<Row> rows = List.of(
          RowFactory.create("households", "households.csv", 90L, "…", new String[] {"BAD_DATE:last_visit_date"}),
          RowFactory.create("households", "households.csv", 91L, "…", new String[] {"MISSING_VALUE:head_name"}));
      spark.createDataFrame(rows, q).write().mode(SaveMode.Overwrite)
          .parquet(warehouse.partition(Layer.QUARANTINE, "households", night));
    }
  }

  @Test
  void aGoodNightPasses() {
    assertThat(first.results().stream().filter(r -> !r.passed()).map(r -> r.table() + "." + r.rule() + ": " + r.message()))
        .isEmpty();
    assertThat(first.passed()).isTrue();
    assertThat(first.anomalies()).isNotEmpty().noneMatch(AnomalyResult::anomalous);
    assertThat(first.reconciliation()).allMatch(Reconciliation::balanced);
    assertThat(first.notes()).anyMatch(n -> n.contains("county_index"));
    // Metrics are kept per county: a table of one county carries its code, a table without one "all".
    assertThat(first.metrics()).filteredOn(m -> m.table().equals("households")).isNotEmpty()
        .allMatch(m -> m.county().equals("630222"));
    assertThat(first.metrics()).filteredOn(m -> m.table().equals("members")).isNotEmpty()
        .allMatch(m -> m.county().equals("all"));
  }

  @Test
  void anErrorLevelFailureBlocksPublishing() {
    assertThat(second.passed()).isFalse();
    assertThat(second.blocking()).contains("households.household_id_unique failed", "households.attribute_known failed");
    RuleResult ids = result(second, "households", "head_id_valid");
    assertThat(ids.level()).isEqualTo(Level.WARNING);
    assertThat(ids.failingRows()).isEqualTo(3);
    assertThat(ids.blocks()).isFalse();
  }

  @Test
  void rowsFailingQuarantiningRulesAreSetAsideWithTheRuleName() {
    Dataset<Row> q = spark.read().parquet(warehouse.partition(Layer.QUARANTINE, "households_rules", NIGHT2));
    assertThat(q.count()).as("two rows share a household id, one has an unknown attribute").isEqualTo(3);
    assertThat(q.selectExpr("explode(reasons)").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsOnly("RULE:household_id_unique", "RULE:attribute_known");
    assertThat(q.columns()).contains("table", "source_file", "source_line", "record_key", "raw", "reasons");
    assertThat(second.quarantine()).contains(
        new QuarantineCount("households", "rules", "RULE:household_id_unique", 2),
        new QuarantineCount("households", "ingest", "BAD_DATE:last_visit_date", 1));
    assertThat(StagedRows.read(spark, warehouse, "households", NIGHT2).orElseThrow().count()).isEqualTo(17);
    assertThat(io.jingzhun.linkage.StagedTables.fromWarehouse(spark, warehouse, NIGHT2).table("households")
        .orElseThrow().count()).as("what linkage, findings and the index read: set-aside rows stay aside")
        .isEqualTo(17);
  }

  @Test
  void theOutputGateReusesTonightsStagedCheckUntilAStagedTableChanges() {
    LocalDate night3 = LocalDate.of(2026, 3, 3);
    ReferenceLists refs = ReferenceLists.of(Map.of(ReferenceLists.PROGRAMMES, PROGRAMMES));
    writeNight(night3, 20, true);
    QualityOutcome staged = gate(night3, false);
    assertThat(staged.passed()).isFalse();

    QualityOutcome reused = QualityGate.checkOutputs(spark, warehouse, night3, List.of(), RuleFiles.loadAll(), refs);
    assertThat(reused.results()).as("the staged verdicts, carried into the publish gate's report")
        .containsAll(staged.results().stream().filter(r -> !r.table().endsWith("_index")).toList());
    assertThat(reused.reconciliation()).isEqualTo(staged.reconciliation());
    assertThat(reused.passed()).isFalse();
    assertThat(reused.timingsMs()).as("nothing staged was checked again").doesNotContainKey("households.deequ");
    assertThat(reused.notes()).anyMatch(n -> n.contains("reused"));

    // A re-ingest replaces the households: the saved check no longer describes them.
    StagedTables.write(warehouse, "households", night3, StagedTables.build("households", 20, null));
    QualityOutcome rechecked = QualityGate.checkOutputs(spark, warehouse, night3, List.of(), RuleFiles.loadAll(),
        refs);
    assertThat(rechecked.timingsMs()).containsKey("households.deequ");
    assertThat(rechecked.notes()).noneMatch(n -> n.contains("reused"));
    assertThat(result(rechecked, "households", "household_id_unique").passed()).isTrue();
    assertThat(result(rechecked, "households", "attribute_known").passed()).isTrue();
  }

  @Test
  void reconciliationCountsIngestAndRuleQuarantine() {
    Reconciliation r = second.reconciliation().stream().filter(x -> x.table().equals("households")).findFirst()
        .orElseThrow();
    assertThat(r).isEqualTo(new Reconciliation("households", 22, 20, 2, 3, 17));
    assertThat(r.balanced()).isTrue();
  }

  @Test
  void aRowCountHalvingAcrossTwoNightsRaisesTheAnomaly() {
    AnomalyResult a = second.anomalies().stream().filter(x -> x.name().equals("households_row_count")).findFirst()
        .orElseThrow();
    assertThat(a.anomalous()).isTrue();
    assertThat(a.value()).isEqualTo(20.0);
    assertThat(a.history()).containsExactly(new MetricPoint(NIGHT1, 40.0));
    assertThat(a.level()).isEqualTo(Level.ERROR);
    assertThat(second.blocking()).contains("households.households_row_count anomalous");
    AnomalyResult payroll = second.anomalies().stream().filter(x -> x.name().equals("payroll_row_count")).findFirst()
        .orElseThrow();
    assertThat(payroll.anomalous()).as("an unchanged table").isFalse();
  }

  @Test
  void theReportHasTheSameContentAsJsonAndParquetAndNoClearIdNumber() throws Exception {
    HadoopFiles files = HadoopFiles.of(spark);
    String html = files.readString(second.reportHtml());
    assertThat(html).contains("household_id_unique", "households_row_count", "BAD_DATE:last_visit_date",
        "RULE:attribute_known", "<svg");
    assertThat(html).doesNotContainPattern("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");
    assertThat(html).doesNotContain("王小明").doesNotContain("http://").doesNotContain("https://");
    assertThat(html).contains(io.jingzhun.identity.ResidentIds.mask(StagedTables.validId(3)));
    JsonNode json = new ObjectMapper().readTree(files.readString(second.reportJson()));
    assertThat(json.path("passed").asBoolean()).isFalse();
    assertThat(json.path("results").size()).isEqualTo(second.results().size());
    assertThat(files.readString(second.reportJson())).doesNotContainPattern("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");
    for (String t : List.of("check_results", "metrics", "anomalies", "quarantine_counts", "reconciliation")) {
      assertThat(files.exists(warehouse.partition(Layer.QUALITY, t, NIGHT2))).as(t).isTrue();
    }
    Dataset<Row> results = spark.read().parquet(warehouse.partition(Layer.QUALITY, "check_results", NIGHT2));
    assertThat(results.where("blocks_publishing").count()).isEqualTo(second.results().stream().filter(RuleResult::blocks).count());
    Dataset<Row> anomalies = spark.read().parquet(warehouse.partition(Layer.QUALITY, "anomalies", NIGHT2));
    assertThat(anomalies.where("name = 'households_row_count' AND anomalous AND size(history) = 1").count()).isEqualTo(1);
    assertThat(files.exists(warehouse.partition(Layer.QUALITY, "profiles", NIGHT2) + "/households.json")).isTrue();
    assertThat(files.readString(warehouse.partition(Layer.QUALITY, "profiles", NIGHT2) + "/members.json"))
        .contains("relation").doesNotContain("王小明");
    // A code of digits is profiled as the text the contract declares, not guessed to be a number.
    JsonNode villageCode = null;
    for (JsonNode c : new ObjectMapper().readTree(
        files.readString(warehouse.partition(Layer.QUALITY, "profiles", NIGHT2) + "/households.json")).path("columns")) {
      if (c.path("column").asText().equals("village_code")) {
        villageCode = c;
      }
    }
    assertThat(villageCode).as("village_code profiled").isNotNull();
    // The table's own columns only, not the helper columns the rules add while checking.
    assertThat(files.readString(warehouse.partition(Layer.QUALITY, "profiles", NIGHT2) + "/households.json"))
        .doesNotContain("__rule_");
    assertThat(villageCode.path("dataType").asText()).isEqualTo("String");
    assertThat(villageCode.path("isDataTypeInferred").asText()).isEqualTo("false");
    assertThat(villageCode.has("mean")).as("no numeric statistics of a code").isFalse();
  }

  @Test
  void theCommandExitsTwoWhenBlockedAndPublishesNothing() {
    // A warehouse of its own with only tonight's defective households (the other sources missing block too).
    Warehouse own = Warehouse.at(dir.resolve("cli-warehouse").toString());
    StagedTables.write(own, "households", NIGHT2, StagedTables.build("households", 5,
        (i, v) -> v.put("household_id", StagedTables.householdId(i == 1 ? 0 : i))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.execute("quality", "--date", NIGHT2.toString(), "--warehouse", own.root());
    } finally {
      System.setOut(old);
    }
    assertThat(code).isEqualTo(ExitCodes.QUALITY_GATE_BLOCKED);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("blocking: households.household_id_unique failed",
        "blocking: members.table_present not_evaluated", "gate BLOCKED");
    assertThat(Files.exists(dir.resolve("cli-warehouse/published"))).isFalse();
    assertThat(Main.execute("quality", "report", "--date", NIGHT2.toString(), "--warehouse", own.root()))
        .isEqualTo(ExitCodes.OK);
    assertThat(Main.execute("quality", "report", "--date", NIGHT1.toString(), "--warehouse", own.root()))
        .isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void theReportRendersInHeadlessChromiumWithoutConsoleErrors() throws Exception {
    Path html = Path.of(java.net.URI.create(second.reportHtml()));
    Path png = Path.of("jobs/target/quality-report.png").toAbsolutePath();
    HeadlessChromium.Render render = HeadlessChromium.screenshot(html, png);
    assertThat(render.exitCode()).as(String.join("\n", render.log())).isZero();
    assertThat(render.consoleMessages()).isEmpty();
    assertThat(Files.size(png)).as("a real screenshot").isGreaterThan(20_000);
    System.out.println("quality report screenshot: " + png + " (report " + html + ")");
  }

  static RuleResult result(QualityOutcome o, String table, String rule) {
    return o.results().stream().filter(r -> r.table().equals(table) && r.rule().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no result " + table + "." + rule));
  }
}
