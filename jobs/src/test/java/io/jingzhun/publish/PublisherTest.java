package io.jingzhun.publish;

import static io.jingzhun.publish.PublishFixtures.CONTRACTS;
import static io.jingzhun.publish.PublishFixtures.household;
import static io.jingzhun.publish.PublishFixtures.run;
import static io.jingzhun.publish.PublishFixtures.scores;
import static io.jingzhun.publish.PublishFixtures.spark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  static final LocalDate D1 = LocalDate.of(2026, 11, 26);
  static final LocalDate D2 = LocalDate.of(2026, 11, 27);

  @TempDir Path dir;
  Warehouse warehouse;
  Publisher publisher;

  @BeforeEach
  void setUp() {
    warehouse = Warehouse.at(dir.resolve("warehouse").toString());
    publisher = Publisher.to(warehouse).withContracts(CONTRACTS).withPseudonymKey(PublishFixtures.KEY);
  }

  private double score(PublishedTables t) {
    return t.table("village_summary").first().getDouble(2);
  }

  @Test
  void readersSeeTheLatestRunByDefaultAndAnyRunAsOfItsDate() {
    publisher.publish(spark(), D1, run(0.2));
    publisher.publish(spark(), D2, run(0.6));

    PublishedTables latest = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(latest.runDate()).isEqualTo(D2);
    assertThat(latest.names()).containsExactly("household_scores", "village_summary");
    assertThat(score(latest)).isEqualTo(0.3);
    assertThat(latest.table("household_scores").count()).isEqualTo(2);

    PublishedTables first = PublishedTables.open(spark(), warehouse, Optional.of(D1));
    assertThat(first.runDate()).isEqualTo(D1);
    assertThat(score(first)).isEqualTo(0.1);
    // As of a day without a run: the last run before it.
    assertThat(PublishedTables.open(spark(), warehouse, Optional.of(D2.plusDays(5))).runDate()).isEqualTo(D2);
    assertThat(PublishedTables.runDates(spark(), warehouse)).containsExactly(D1, D2);

    assertThat(PublishedTables.previous(spark(), warehouse, D2)).get()
        .extracting(PublishedTables::runDate).isEqualTo(D1);
    assertThat(PublishedTables.previous(spark(), warehouse, D1)).isEmpty();
    assertThatThrownBy(() -> PublishedTables.open(spark(), warehouse, Optional.of(D1.minusDays(1))))
        .hasMessageContaining("nothing is published").hasMessageContaining("on or before 2026-11-25");

    Manifest m = latest.manifest();
    assertThat(m.pseudonymKeyId()).isEqualTo(PublishFixtures.KEY.id());
    assertThat(m.tables().get("village_summary").rows()).isEqualTo(1);
    assertThat(m.tables().get("household_scores").columns()).startsWith("household_pseudonym string");
  }

  @Test
  void historyHasEveryCommittedRunWithItsDate() {
    publisher.publish(spark(), D1, run(0.2));
    publisher.publish(spark(), D2, run(0.6));
    PublishedTables latest = PublishedTables.open(spark(), warehouse, Optional.empty());
    Dataset<Row> h = latest.history("village_summary");
    assertThat(h.columns()).containsExactly("run_date", "village_code", "households", "m0");
    List<Row> rows = h.orderBy("run_date").collectAsList();
    assertThat(rows).extracting(r -> r.getDate(0).toLocalDate()).containsExactly(D1, D2);
    assertThat(rows).extracting(r -> r.getDouble(3)).containsExactly(0.1, 0.3);
    // As of D1, history stops at D1.
    assertThat(PublishedTables.open(spark(), warehouse, Optional.of(D1)).history("village_summary").count())
        .isEqualTo(1);
  }

  @Test
  void rerunningADateReplacesItWithIdenticalTablesAndRemovesTheOldAttempt() throws IOException {
    PublishResult first = publisher.publish(spark(), D1, run(0.2));
    List<Row> before = PublishFixtures.sorted(PublishedTables.open(spark(), warehouse, Optional.empty()).table("household_scores"));

    PublishResult second = publisher.publish(spark(), D1, run(0.2));
    assertThat(second.manifest().sequence()).isEqualTo(2);
    assertThat(second.manifest().attempt()).isNotEqualTo(first.manifest().attempt());
    PublishedTables again = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(PublishFixtures.sorted(again.table("household_scores"))).isEqualTo(before);
    for (String t : List.of("household_scores", "village_summary")) {
      ManifestTable a = first.manifest().tables().get(t);
      ManifestTable b = second.manifest().tables().get(t);
      assertThat(b.contentChecksum()).isEqualTo(a.contentChecksum());
      assertThat(b.schemaFingerprint()).isEqualTo(a.schemaFingerprint());
      assertThat(b.rows()).isEqualTo(a.rows());
    }
    // Only the committed attempt and the committed manifest remain for the date.
    assertThat(second.removedAttempts()).isEqualTo(2);
    assertThat(children(dir.resolve("warehouse/published/household_scores/run_date=2026-11-26")))
        .containsExactly("attempt=" + second.manifest().attempt());
    assertThat(children(dir.resolve("warehouse/published/_manifests/run_date=2026-11-26")))
        .containsExactly("commit-000002.json");

    // A different table content gives a different checksum.
    PublishResult third = publisher.publish(spark(), D1, run(0.25));
    assertThat(third.manifest().tables().get("village_summary").contentChecksum())
        .isNotEqualTo(first.manifest().tables().get("village_summary").contentChecksum());
  }

  @Test
  void aPublishThatFailsHalfwayIsInvisibleAndThePreviousRunStaysIntact() {
    publisher.publish(spark(), D1, run(0.2));
    List<Row> before = PublishFixtures.sorted(PublishedTables.open(spark(), warehouse, Optional.empty()).table("household_scores"));
    String[] seenDuringPublish = new String[1];

    PublishHook crash = new PublishHook() {
      @Override
      public void afterTableWritten(String table, String location) {
        // household_scores of D2 is on disk now; a reader must still get D1 whole.
        PublishedTables during = PublishedTables.open(spark(), warehouse, Optional.empty());
        seenDuringPublish[0] = during.runDate() + " " + during.table("village_summary").first().getDouble(2);
        assertThat(new HadoopFiles(spark().sparkContext().hadoopConfiguration()).exists(location)).isTrue();
        throw new IllegalStateException("simulated crash after " + table);
      }
    };
    assertThatThrownBy(() -> publisher.withHook(crash).publish(spark(), D2, run(0.6)))
        .hasMessageContaining("simulated crash after household_scores");

    assertThat(seenDuringPublish[0]).isEqualTo("2026-11-26 0.1");
    PublishedTables after = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(after.runDate()).isEqualTo(D1);
    assertThat(PublishFixtures.sorted(after.table("household_scores"))).isEqualTo(before);
    assertThat(PublishedTables.runDates(spark(), warehouse)).containsExactly(D1);
    // The unfinished attempt was tidied away; nothing of D2 remains.
    assertThat(Files.exists(dir.resolve("warehouse/published/household_scores/run_date=2026-11-27"))
        && !children(dir.resolve("warehouse/published/household_scores/run_date=2026-11-27")).isEmpty()).isFalse();
  }

  @Test
  void aCrashJustBeforeTheCommitLeavesNothingVisible() {
    publisher.publish(spark(), D1, run(0.2));
    PublishHook crash = new PublishHook() {
      @Override
      public void beforeCommit(Manifest manifest) {
        throw new IllegalStateException("simulated crash before commit");
      }
    };
    assertThatThrownBy(() -> publisher.withHook(crash).publish(spark(), D1, run(0.9)))
        .hasMessageContaining("before commit");
    PublishedTables after = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(score(after)).isEqualTo(0.1);
    assertThat(after.manifest().sequence()).isEqualTo(1);
  }

  @Test
  void aTornManifestIsIgnoredAndTheNextPublishCleansUp() throws IOException {
    PublishResult first = publisher.publish(spark(), D1, run(0.2));
    // What a crash while writing commit 2 on a local disk would leave: a partial file.
    String full = first.manifest().toJson();
    Path torn = dir.resolve("warehouse/published/_manifests/run_date=2026-11-26/commit-000002.json");
    Files.writeString(torn, full.substring(0, full.length() / 2));

    PublishedTables t = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(t.manifest().sequence()).isEqualTo(1);
    assertThat(score(t)).isEqualTo(0.1);

    PublishResult next = publisher.publish(spark(), D1, run(0.4));
    assertThat(next.manifest().sequence()).isEqualTo(3);
    assertThat(children(torn.getParent())).containsExactly("commit-000003.json");
    assertThat(score(PublishedTables.open(spark(), warehouse, Optional.empty()))).isEqualTo(0.2);
  }

  @Test
  void contractViolationsAreReportedTogetherAndNothingIsWritten() {
    Dataset<Row> wrong = PublishFixtures.villages(0.1)
        .withColumn("households", functions.col("households").cast("int"))
        .withColumn("head_name", functions.lit("王小明"))
        .drop("m0");
    assertThatThrownBy(() -> publisher.publish(spark(), D1, Map.of("household_scores", run(0.2).get("household_scores"),
            "village_summary", wrong)))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("village_summary")
        .hasMessageContaining("test-contracts/published/village_summary.json")
        .hasMessageContaining("column 'head_name' is not in the contract")
        .hasMessageContaining("column 'm0' of the contract is missing")
        .hasMessageContaining("column 'households' has type int, the contract says long");
    assertThat(Files.exists(dir.resolve("warehouse/published"))).isFalse();

    assertThatThrownBy(() -> publisher.publish(spark(), D1, Map.of("no_such_table", wrong)))
        .hasMessageContaining("table 'no_such_table' has no published contract")
        .hasMessageContaining("test-contracts/published/no_such_table.json");
  }

  @Test
  void publishedColumnsFollowTheContractOrder() {
    Map<String, Dataset<Row>> tables = run(0.2);
    Dataset<Row> v = tables.get("village_summary");
    tables.put("village_summary", v.select("m0", "households", "village_code"));
    publisher.publish(spark(), D1, tables);
    assertThat(PublishedTables.open(spark(), warehouse, Optional.empty()).table("village_summary").columns())
        .containsExactly("village_code", "households", "m0");
  }

  @Test
  void anIdNumberAnywhereInAStringColumnRefusesThePublish() {
    publisher.publish(spark(), D1, run(0.2));
    Map<String, Dataset<Row>> leaky = run(0.6);
    leaky.put("household_scores", scores(
        household("6321221002010001", "630222199001011234", "王小明", 0.6, "户主身份证630222199001011234已核对"),
        household("6321221002010002", "11010519491231002X", "才让·多杰", 0.7, null),
        household("6321221002010003", "440524188001015368", "马华", 0.7, "ref 11010519491231002x")));

    assertThatThrownBy(() -> publisher.publish(spark(), D2, leaky))
        .isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("household_scores")
        .hasMessageContaining("column 'note': 2 value(s) look like 18-character ID numbers")
        .hasMessageNotContaining("630222199001011234")
        .hasMessageNotContaining("11010519491231002");
    assertThat(PublishedTables.open(spark(), warehouse, Optional.empty()).runDate()).isEqualTo(D1);
  }

  @Test
  void idNumbersInListsAreFoundButLongerCodesAndPseudonymsAreNot() {
    Map<String, Dataset<Row>> tables = run(0.2);
    Dataset<Row> s = tables.get("household_scores");
    // A 20-digit number, an ID inside a longer alphanumeric code: not ID numbers.
    tables.put("household_scores", s.withColumn("note", functions.lit("63022219900101123456 / A630222199001011234")));
    publisher.publish(spark(), D1, tables);

    tables.put("household_scores", s.withColumn("deprived_in",
        functions.array(functions.lit("education"), functions.lit("630222199001011234"))));
    assertThatThrownBy(() -> publisher.publish(spark(), D2, tables))
        .hasMessageContaining("column 'deprived_in': 2 list(s) hold values that look like 18-character ID numbers");
  }

  @Test
  void pseudonymMaskAndRequiredColumnsAreChecked() {
    Map<String, Dataset<Row>> tables = run(0.2);
    Dataset<Row> s = tables.get("household_scores");
    tables.put("household_scores", s
        .withColumn("household_pseudonym", functions.lit("6321221002010001"))
        .withColumn("head_name_masked", functions.lit("王小明"))
        .withColumn("score", functions.lit(null).cast("double")));
    assertThatThrownBy(() -> publisher.publish(spark(), D1, tables))
        .isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("column 'household_pseudonym': 2 value(s) are not pseudonyms")
        .hasMessageContaining("column 'head_name_masked': 2 value(s) are not masked")
        .hasMessageContaining("column 'score': 2 null(s) in a required column");
    assertThat(Files.exists(dir.resolve("warehouse/published/_manifests"))).isFalse();
  }

  @Test
  void anEmptyTableIsPublishedWithItsSchema() {
    Map<String, Dataset<Row>> tables = run(0.2);
    tables.put("household_scores", scores());
    publisher.publish(spark(), D1, tables);
    PublishedTables t = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(t.table("household_scores").count()).isZero();
    assertThat(t.table("household_scores").columns()).hasSize(9);
    assertThat(t.manifest().tables().get("household_scores").contentChecksum()).isEqualTo("0");
  }

  @Test
  void abandonedAttemptsOfOtherDatesAreRemovedOnlyWhenOldEnough() throws IOException {
    publisher.publish(spark(), D1, run(0.2));
    // What a publish of D2 killed before its commit leaves (the date is never re-run).
    Path abandoned = dir.resolve("warehouse/published/village_summary/run_date=2026-11-27/attempt=killed");
    Files.createDirectories(abandoned);
    Files.writeString(abandoned.resolve("part-0.parquet"), "half");

    assertThat(publisher.removeAbandonedAttempts(spark(), java.time.Duration.ofHours(1))).isZero();
    assertThat(Files.exists(abandoned)).isTrue();
    Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
    assertThat(publisher.removeAbandonedAttempts(spark(), java.time.Duration.ofHours(1))).isEqualTo(1);
    assertThat(Files.exists(abandoned)).isFalse();
    // Committed attempts are never removed, however old.
    assertThat(publisher.removeAbandonedAttempts(spark(), java.time.Duration.ZERO)).isZero();
    assertThat(PublishedTables.open(spark(), warehouse, Optional.empty()).table("village_summary").count()).isEqualTo(1);
  }

  static List<String> children(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
