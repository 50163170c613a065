package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar runs under {@code spark-submit} on a real standalone cluster (master and worker from
 * the pyspark package of our Spark version), and its executors — separate JVMs launched by the worker —
 * read and write {@code s3a://} through the hadoop-aws and AWS SDK jars given with {@code --jars}.
 */
class StandaloneClusterIT {
  private static final String BUCKET = "jingzhun-cluster";
  private static final String DATE = "2026-11-27";

  @TempDir static Path work;
  private static S3ProxyServer s3;
  private static SparkStandaloneCluster cluster;

  @BeforeAll
  static void startClusterAndS3() throws Exception {
    Path sparkHome = ItEnvironment.sparkHome(Files.createDirectories(work.resolve("logs")));
    s3 = S3ProxyServer.start(ItEnvironment.s3proxyJar(), Files.createDirectories(work.resolve("s3proxy")));
    ItEnvironment.measured("S3Proxy start-up", s3.startup());
    s3.createBucket(BUCKET);
    cluster = SparkStandaloneCluster.start(sparkHome, Files.createDirectories(work.resolve("cluster")), 2, "2g");
    ItEnvironment.measured("Spark standalone cluster start-up (master + 1 worker registered)", cluster.startup());
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
  void sparkSubmitOfTheShadedJarRunsOnTheClusterAndItsExecutorsUseS3() throws Exception {
    Path landing = work.resolve("landing");
    Files.createDirectories(landing.resolve(DATE + "/education"));
    Files.writeString(landing.resolve(DATE + "/education/part-1.jsonl"), "{\"student_id_number\":\"x\"}\n");
    s3.upload(landing, BUCKET, "landing");

    Instant t0 = Instant.now();
    int exit;
    String output;
    try (ChildProcess submit = cluster.submit(List.of(),
        List.of("doctor", "--profile", "cluster", "--date", DATE, "--probe-rows", "50000", "--probe-partitions", "6"),
        s3.profileEnvironment(BUCKET), work.resolve("logs/submit-doctor.log"))) {
      exit = submit.waitFor(Duration.ofMinutes(15));
      output = submit.output();
      System.out.println(submit.tail());
    }
    ItEnvironment.measured("spark-submit doctor on the cluster", Duration.between(t0, Instant.now()));

    assertThat(exit).as(output + "\nworker log:\n" + cluster.workerLog()).isZero();
    assertThat(output)
        .contains("ok     spark      master " + cluster.masterUrl() + ", Spark 3.5.9")
        .contains("ok     landing    s3a://" + BUCKET + "/landing/" + DATE + ": 1 table folder(s) [education]")
        // The rows were made on an executor of the worker, not in the driver.
        .contains("ok     executors  1 executor(s) wrote 50000 rows in 6 partitions to s3a://" + BUCKET)
        .contains("ok     driver")
        .doesNotContain(S3ProxyServer.SECRET_KEY);
    assertThat(cluster.workerLog()).contains("Asked to launch executor").doesNotContain(S3ProxyServer.SECRET_KEY);
    assertThat(s3.keys(BUCKET, "warehouse/runs/doctor/run_date=" + DATE + "/probe/"))
        .filteredOn(k -> k.endsWith(".parquet")).isNotEmpty();
  }
}
