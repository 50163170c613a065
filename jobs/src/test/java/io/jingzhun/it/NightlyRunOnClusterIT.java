package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, cluster: {@code spark-submit} of the shaded jar runs the full nightly {@code run} on the
 * sample county on a real standalone cluster, and publishes exactly the tables local mode publishes.
 */
@org.junit.jupiter.api.Tag("e2e")
class NightlyRunOnClusterIT {
  @TempDir static Path work;
  private static Path logs;
  private static SparkStandaloneCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    logs = Files.createDirectories(work.resolve("logs"));
    NightlyRuns.requireRunCommand(JingzhunCli.withEnvironment(Map.of()), logs);
    Path sparkHome = ItEnvironment.sparkHome(logs);
    cluster = SparkStandaloneCluster.start(sparkHome, Files.createDirectories(work.resolve("cluster")), 2, "2g");
    ItEnvironment.measured("Spark standalone cluster start-up (master + 1 worker registered)", cluster.startup());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void sparkSubmitRunOnTheClusterPublishesTheSameTablesAsLocalMode() throws Exception {
    PublishedSnapshot local = NightlyRuns.referenceRun().published();
    Path clusterWarehouse = work.resolve("cluster-warehouse");

    Instant t0 = Instant.now();
    int exit;
    String output;
    // One machine: executors and driver share the local disk, so file: locations work for both.
    try (ChildProcess submit = cluster.submit(List.of(),
        List.of("run", "--date", NightlyRuns.DATE, "--profile", "local",
            "--landing", NightlyRuns.sampleData().toString(), "--warehouse", clusterWarehouse.toString()),
        NightlyRuns.environment(Map.of()), logs.resolve("submit-run.log"))) {
      exit = submit.waitFor(Duration.ofMinutes(40));
      output = submit.output();
      System.out.println(submit.tail());
    }
    ItEnvironment.measured("spark-submit run on the cluster", Duration.between(t0, Instant.now()));

    assertThat(exit).as("spark-submit run; output:\n%s\nworker log:\n%s", output, cluster.workerLog()).isZero();
    assertThat(cluster.workerLog()).contains("Asked to launch executor");
    PublishedSnapshot onCluster = PublishedSnapshot.read(
        JingzhunCli.withEnvironment(NightlyRuns.environment(Map.of())), clusterWarehouse.toString(),
        logs.resolve("sql-cluster.log"));
    assertThat(onCluster.counts()).isEqualTo(local.counts());
    assertThat(onCluster.rowsByTable()).isEqualTo(local.rowsByTable());
  }
}
