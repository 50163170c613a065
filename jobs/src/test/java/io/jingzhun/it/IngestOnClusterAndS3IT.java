package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage that exists today, {@code ingest}, on the sample county: under {@code spark-submit} on the
 * standalone cluster, with local files and with landing and warehouse on {@code s3a://} (S3Proxy), it
 * stages and quarantines exactly the rows a local run does.
 */
class IngestOnClusterAndS3IT {
  private static final String BUCKET = "jingzhun-ingest";

  @TempDir static Path work;
  private static Path logs;
  private static Path localWarehouse;
  private static S3ProxyServer s3;
  private static SparkStandaloneCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    logs = Files.createDirectories(work.resolve("logs"));
    Path sparkHome = ItEnvironment.sparkHome(logs);
    s3 = S3ProxyServer.start(ItEnvironment.s3proxyJar(), Files.createDirectories(work.resolve("s3proxy")));
    ItEnvironment.measured("S3Proxy start-up", s3.startup());
    s3.createBucket(BUCKET);
    cluster = SparkStandaloneCluster.start(sparkHome, Files.createDirectories(work.resolve("cluster")), 2, "2g");
    ItEnvironment.measured("Spark standalone cluster start-up (master + 1 worker registered)", cluster.startup());

    localWarehouse = work.resolve("local-warehouse");
    JingzhunCli.Result local = JingzhunCli.withEnvironment(Map.of()).run(List.of("ingest",
            "--date", NightlyRuns.DATE, "--landing", NightlyRuns.sampleData().toString(),
            "--warehouse", localWarehouse.toString()),
        logs.resolve("ingest-local.log"), Duration.ofMinutes(20));
    assertThat(local.exitCode()).as(local.output()).isZero();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void ingestUnderSparkSubmitOnTheClusterStagesTheSameRowsAsLocalMode() {
    Path clusterWarehouse = work.resolve("cluster-warehouse");

    submit(List.of(), List.of("ingest", "--date", NightlyRuns.DATE,
        "--landing", NightlyRuns.sampleData().toString(), "--warehouse", clusterWarehouse.toString()),
        "ingest-cluster");

    assertSameTables(localWarehouse.toUri().toString(), clusterWarehouse.toUri().toString());
  }

  @Test
  void ingestOnTheClusterFromS3LandingToS3WarehouseStagesTheSameRowsAsLocalMode() {
    s3.upload(NightlyRuns.sampleData().resolve(NightlyRuns.DATE), BUCKET, "landing/" + NightlyRuns.DATE);
    // ingest takes no --profile yet: the S3A settings go to spark-submit as --conf.
    List<String> conf = new ArrayList<>();
    for (String option : s3.s3aJavaOptions().split(" ")) {
      conf.add("--conf");
      conf.add(option.substring("-D".length()));
    }

    submit(conf, List.of("ingest", "--date", NightlyRuns.DATE, "--landing", "s3a://" + BUCKET + "/landing",
        "--warehouse", "s3a://" + BUCKET + "/warehouse"), "ingest-cluster-s3");

    SparkSession spark = TestSpark.get();
    for (String option : s3.s3aJavaOptions().split(" ")) {
      String[] kv = option.substring("-Dspark.hadoop.".length()).split("=", 2);
      spark.sparkContext().hadoopConfiguration().set(kv[0], kv[1]);
    }
    assertSameTables(localWarehouse.toUri().toString(), "s3a://" + BUCKET + "/warehouse");
  }

  private static void submit(List<String> sparkOptions, List<String> arguments, String name) {
    Instant t0 = Instant.now();
    try (ChildProcess p = cluster.submit(sparkOptions, arguments, Map.of(), logs.resolve(name + ".log"))) {
      int exit = p.waitFor(Duration.ofMinutes(30));
      ItEnvironment.measured("spark-submit " + name, Duration.between(t0, Instant.now()));
      System.out.println(p.tail());
      assertThat(exit).as("%s; output:\n%s\nworker log:\n%s", name, p.output(), cluster.workerLog()).isZero();
      assertThat(p.output()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
    assertThat(cluster.workerLog()).contains("Asked to launch executor");
  }

  /** Every staged and quarantined table of the run date holds the same rows in both warehouses. */
  private static void assertSameTables(String expectedRoot, String actualRoot) {
    SparkSession spark = TestSpark.get();
    List<String> tables = new ArrayList<>();
    for (String layer : List.of("staged", "quarantine")) {
      Path folder = localWarehouse.resolve(layer);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> s = Files.list(folder)) {
          s.map(p -> layer + "/" + p.getFileName()).sorted().forEach(tables::add);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    assertThat(tables).as("tables staged by the local run").anyMatch(t -> t.startsWith("staged/"));
    for (String table : tables) {
      String partition = "/" + table + "/run_date=" + NightlyRuns.DATE;
      Dataset<Row> expected = spark.read().parquet(expectedRoot + partition);
      Dataset<Row> actual = spark.read().parquet(actualRoot + partition);
      assertThat(actual.columns()).as(table).containsExactly(expected.columns());
      assertThat(actual.count()).as(table + " rows").isEqualTo(expected.count());
      assertThat(expected.exceptAll(actual).count()).as(table + ": local rows missing").isZero();
      assertThat(actual.exceptAll(expected).count()).as(table + ": rows only in " + actualRoot).isZero();
    }
  }
}
