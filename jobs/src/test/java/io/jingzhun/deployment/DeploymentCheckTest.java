package io.jingzhun.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCheckTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 27);
  private final SparkSession spark = TestSpark.get();

  @Test
  void passesAndNamesTheLandingTablesWhenEverythingIsReachable(@TempDir Path dir) throws Exception {
    Path landing = dir.resolve("landing");
    Files.createDirectories(landing.resolve("2026-11-27/households"));
    Files.createDirectories(landing.resolve("2026-11-27/members"));
    Warehouse warehouse = Warehouse.at(dir.resolve("warehouse").toString());

    DeploymentReport report = new DeploymentCheck(spark, Warehouse.Locations.toUri(landing.toString()),
        warehouse, DATE).run(1000, 3);

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.findings()).extracting(DeploymentReport.Finding::check)
        .containsExactly("spark", "landing", "executors", "driver");
    assertThat(report.findings().get(1).detail()).contains("2 table folder(s) [households, members]");
    assertThat(report.findings().get(2).detail()).contains("1000 rows in 3 partitions");
    assertThat(spark.read().parquet(warehouse.runRecords("doctor", DATE) + "/probe").count()).isEqualTo(1000);
  }

  @Test
  void rerunReplacesTheProbeInsteadOfAddingToIt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("landing"));
    Warehouse warehouse = Warehouse.at(dir.resolve("warehouse").toString());
    DeploymentCheck check = new DeploymentCheck(spark, Warehouse.Locations.toUri(dir.resolve("landing").toString()),
        warehouse, DATE);

    assertThat(check.run(500, 2).passed()).isTrue();
    DeploymentReport second = check.run(200, 2);

    assertThat(second.passed()).as(second.render()).isTrue();
    assertThat(spark.read().parquet(check.probeLocation()).count()).isEqualTo(200);
  }

  @Test
  void reportsAMissingLandingFolderAndStillRunsTheOtherChecks(@TempDir Path dir) {
    Warehouse warehouse = Warehouse.at(dir.resolve("warehouse").toString());
    String missing = Warehouse.Locations.toUri(dir.resolve("no-such-landing").toString());

    DeploymentReport report = new DeploymentCheck(spark, missing, warehouse, DATE).run(100, 1);

    assertThat(report.passed()).isFalse();
    assertThat(report.render()).contains("FAILED landing").contains("no-such-landing does not exist")
        .contains("ok     executors");
  }

  @Test
  void reportsAnUnwritableWarehouseWithTheCause(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("landing"));
    // A file where the warehouse folder should be: nothing can be created beneath it.
    Files.writeString(dir.resolve("warehouse"), "not a folder");
    Warehouse warehouse = Warehouse.at(dir.resolve("warehouse").toString());

    DeploymentReport report = new DeploymentCheck(spark,
        Warehouse.Locations.toUri(dir.resolve("landing").toString()), warehouse, DATE).run(100, 1);

    assertThat(report.passed()).isFalse();
    assertThat(report.render()).contains("FAILED executors").contains("FAILED driver");
  }
}
