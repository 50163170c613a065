package io.jingzhun.publish;

import static io.jingzhun.publish.PublishFixtures.CONTRACTS;
import static io.jingzhun.publish.PublishFixtures.run;
import static io.jingzhun.publish.PublishFixtures.spark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.cli.Main;
import io.jingzhun.common.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlannerQueriesTest {
  static final LocalDate D1 = LocalDate.of(2026, 11, 26);
  static final LocalDate D2 = LocalDate.of(2026, 11, 27);

  @TempDir static Path dir;
  static Warehouse warehouse;

  @BeforeAll
  static void publishTwoRuns() {
    warehouse = Warehouse.at(dir.resolve("warehouse").toString());
    Publisher p = Publisher.to(warehouse).withContracts(CONTRACTS);
    p.publish(spark(), D1, run(0.2));
    p.publish(spark(), D2, run(0.6));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO village_summary VALUES ('1', 1, 0.1)",
      "insert overwrite directory '/tmp/x' select * from village_summary",
      "CREATE TABLE t AS SELECT * FROM village_summary",
      "CREATE TEMPORARY VIEW v AS SELECT 1",
      "DROP TABLE village_summary",
      "DROP VIEW village_summary",
      "ALTER TABLE village_summary RENAME TO x",
      "CACHE TABLE village_summary",
      "UNCACHE TABLE village_summary",
      "SET spark.sql.runSQLOnFiles=true",
      "RESET",
      "ADD JAR /tmp/evil.jar",
      "DELETE FROM village_summary WHERE m0 > 0",
      "UPDATE village_summary SET m0 = 0",
      "REFRESH TABLE village_summary",
      "USE other",
      "EXPLAIN SELECT 1",
      "SHOW TABLES",
      "DESCRIBE village_summary",
      "FROM village_summary INSERT INTO x SELECT *"})
  void everythingButAQueryIsRefused(String sql) {
    assertThatThrownBy(() -> PlannerQueries.checkReadOnly(spark(), sql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("(?s)(refused: .*read-only.*|cannot parse the query.*)");
  }

  @Test
  void refusalsSayWhatWasRefused() {
    assertThatThrownBy(() -> PlannerQueries.checkReadOnly(spark(), "drop table village_summary"))
        .hasMessageStartingWith("refused: 'DROP TABLE' is a command (DropTable)")
        .hasMessageContaining("only queries (SELECT, WITH … SELECT, VALUES, TABLE) run");
    assertThatThrownBy(() -> PlannerQueries.checkReadOnly(spark(), "SELECT 1; DROP TABLE x"))
        .hasMessageContaining("cannot parse the query");
  }

  @Test
  void queriesOfEveryShapeRun() {
    PlannerQueries q = PlannerQueries.open(spark(), warehouse, Optional.empty());
    assertThat(q.query("SELECT count(*) FROM household_scores").first().getLong(0)).isEqualTo(2);
    assertThat(q.query("WITH v AS (SELECT * FROM village_summary) SELECT m0 FROM v").first().getDouble(0))
        .isEqualTo(0.3);
    assertThat(q.query("TABLE village_summary").count()).isEqualTo(1);
    assertThat(q.query("VALUES (1), (2)").count()).isEqualTo(2);
    assertThat(q.query("SELECT h.score FROM household_scores h JOIN village_summary v USING (village_code) "
        + "WHERE h.score > (SELECT min(score) FROM household_scores)").count()).isEqualTo(1);
  }

  @Test
  void reflectionAndFileSqlAreRefused() {
    PlannerQueries q = PlannerQueries.open(spark(), warehouse, Optional.empty());
    assertThatThrownBy(() -> q.query("SELECT reflect('java.lang.System', 'getProperty', 'user.home')"))
        .hasMessageContaining("refused: reflect calls Java methods");
    assertThatThrownBy(() -> q.query(
            "SELECT * FROM village_summary WHERE m0 > (SELECT length(java_method('java.lang.System', 'lineSeparator')))"))
        .hasMessageContaining("refused");
    String staged = dir.resolve("warehouse/published").toUri().toString();
    // SQL on files would bypass the manifests (and could reach staged/ data): off.
    assertThatThrownBy(() -> q.query("SELECT * FROM parquet.`" + staged + "`"))
        .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
  }

  @Test
  void latestAsOfAndHistoryViews() {
    PlannerQueries latest = PlannerQueries.open(spark(), warehouse, Optional.empty());
    assertThat(latest.query("SELECT m0 FROM village_summary").first().getDouble(0)).isEqualTo(0.3);
    PlannerQueries asOf = PlannerQueries.open(spark(), warehouse, Optional.of(D1));
    assertThat(asOf.query("SELECT m0 FROM village_summary").first().getDouble(0)).isEqualTo(0.1);

    Dataset<Row> h = latest.query(
        "SELECT run_date, m0 FROM village_summary_history ORDER BY run_date");
    assertThat(h.collectAsList()).extracting(r -> r.getDate(0).toString() + "=" + r.getDouble(1))
        .containsExactly("2026-11-26=0.1", "2026-11-27=0.3");
    assertThat(asOf.query("SELECT count(*) FROM household_scores_history").first().getLong(0)).isEqualTo(2);
    // The caller's session gets none of these views.
    assertThat(spark().catalog().tableExists("village_summary")).isFalse();
  }

  @Test
  void formats() throws Exception {
    PlannerQueries q = PlannerQueries.open(spark(), warehouse, Optional.empty());
    String sql = "SELECT village_code, households, m0, '才让·多杰' AS name, 'a,\"b\"' AS quoted, "
        + "CAST(NULL AS STRING) AS nothing FROM village_summary";

    String table = print(ResultFormat.TABLE, q.query(sql), 100);
    assertThat(table).contains("| village_code | households | m0  | name      | quoted | nothing |")
        .contains("| 632122100201 |          2 | 0.3 | 才让·多杰 | a,\"b\"  | NULL    |")
        .contains("1 row");

    String csv = print(ResultFormat.CSV, q.query(sql), 100);
    assertThat(csv).isEqualTo("village_code,households,m0,name,quoted,nothing\r\n"
        + "632122100201,2,0.3,才让·多杰,\"a,\"\"b\"\"\",\r\n");

    JsonNode json = new ObjectMapper().readTree(print(ResultFormat.JSON, q.query(sql), 100));
    assertThat(json.isArray()).isTrue();
    assertThat(json.get(0).get("households").asLong()).isEqualTo(2);
    assertThat(json.get(0).get("name").asText()).isEqualTo("才让·多杰");
    assertThat(json.get(0).has("nothing")).isTrue();
    assertThat(json.get(0).get("nothing").isNull()).isTrue();

    // Truncation is reported, in every format.
    StringWriter w = new StringWriter();
    ResultFormat.Printed p = ResultFormat.JSON.print(q.query("SELECT * FROM household_scores"), new PrintWriter(w), 1);
    assertThat(p).isEqualTo(new ResultFormat.Printed(1, true));
    assertThat(new ObjectMapper().readTree(w.toString()).size()).isEqualTo(1);
    assertThat(ResultFormat.CSV.print(q.query("SELECT * FROM household_scores"), new PrintWriter(new StringWriter()), 1).more()).isTrue();
    assertThat(ResultFormat.TABLE.print(q.query("SELECT * FROM household_scores"), new PrintWriter(new StringWriter()), 0))
        .isEqualTo(new ResultFormat.Printed(2, false));
    assertThatThrownBy(() -> ResultFormat.parse("xml")).hasMessageContaining("expected table, csv or json");
  }

  @Test
  void theSqlCommandPrintsResultsAndRefusesWrites() {
    String[] csv = cli("sql", "SELECT village_code, m0 FROM village_summary", "--warehouse", warehouse.root(),
        "--format", "csv", "--as-of", "2026-11-26");
    assertThat(csv[0]).isEqualTo("0");
    assertThat(csv[1]).isEqualTo("village_code,m0\r\n632122100201,0.1\r\n");
    assertThat(csv[2]).contains("published run 2026-11-26");

    String[] refused = cli("sql", "DROP TABLE village_summary", "--warehouse", warehouse.root());
    assertThat(refused[0]).isEqualTo("1");
    assertThat(refused[2]).contains("error: refused: 'DROP TABLE' is a command");

    String[] badDate = cli("sql", "SELECT 1", "--warehouse", warehouse.root(), "--as-of", "yesterday");
    assertThat(badDate[0]).isEqualTo("1");
    assertThat(badDate[2]).contains("--as-of: expected a date");
  }

  private static String print(ResultFormat f, Dataset<Row> d, int max) {
    StringWriter w = new StringWriter();
    f.print(d, new PrintWriter(w), max);
    return w.toString();
  }

  /** Runs the CLI in this JVM: exit code, stdout, stderr. */
  static String[] cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      System.out.flush();
      System.err.flush();
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
