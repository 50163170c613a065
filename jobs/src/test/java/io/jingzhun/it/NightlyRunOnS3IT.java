package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, S3: the full nightly {@code run} with landing and warehouse on {@code s3a://} (S3Proxy)
 * publishes exactly the tables a local run publishes; and a run killed while it publishes leaves the
 * previously published tables intact on S3 (publishing commits by writing a manifest, never by rename).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Tag("e2e")
class NightlyRunOnS3IT {
  private static final String BUCKET = "jingzhun";
  private static final String WAREHOUSE = "s3a://" + BUCKET + "/warehouse";

  @TempDir static Path work;
  private static Path logs;
  private static S3ProxyServer s3;
  private static PublishedSnapshot publishedOnS3;

  @BeforeAll
  static void start() throws Exception {
    logs = Files.createDirectories(work.resolve("logs"));
    NightlyRuns.requireRunCommand(JingzhunCli.withEnvironment(Map.of()), logs);
    s3 = S3ProxyServer.start(ItEnvironment.s3proxyJar(), Files.createDirectories(work.resolve("s3proxy")));
    ItEnvironment.measured("S3Proxy start-up", s3.startup());
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  /** The S3 profile's environment; {@code sql} gets the same S3A settings as Java options. */
  private static JingzhunCli s3Cli() {
    return JingzhunCli.withEnvironment(NightlyRuns.environment(s3.profileEnvironment(BUCKET)));
  }

  private static JingzhunCli s3SqlCli() {
    return JingzhunCli.withEnvironment(NightlyRuns.environment(
        Map.of("JINGZHUN_JAVA_OPTS", "-Xmx1536m " + s3.s3aJavaOptions())));
  }

  @Test
  @Order(1)
  void aRunWithLandingAndWarehouseOnS3PublishesTheSameTablesAsALocalRun() throws Exception {
    PublishedSnapshot local = NightlyRuns.referenceRun().published();
    s3.upload(NightlyRuns.sampleData().resolve(NightlyRuns.DATE), BUCKET, "landing/" + NightlyRuns.DATE);

    Instant t0 = Instant.now();
    JingzhunCli.Result r = s3Cli().run(List.of("run", "--date", NightlyRuns.DATE, "--profile", "s3"),
        logs.resolve("run-s3.log"), Duration.ofMinutes(40));
    ItEnvironment.measured("run on S3", Duration.between(t0, Instant.now()));

    assertThat(r.exitCode()).as("run on S3; output:\n%s", r.output()).isZero();
    assertThat(s3.keys(BUCKET, "warehouse/published/")).as("objects published to S3").isNotEmpty();
    publishedOnS3 = PublishedSnapshot.read(s3SqlCli(), WAREHOUSE, logs.resolve("sql-s3.log"));
    assertThat(publishedOnS3.counts()).isEqualTo(local.counts());
    assertThat(publishedOnS3.rowsByTable()).isEqualTo(local.rowsByTable());
  }

  @Test
  @Order(2)
  void aPublishKilledMidWriteLeavesThePreviousTablesIntactOnS3() throws Exception {
    assertThat(publishedOnS3).as("the first test's run on S3 published tables").isNotNull();
    Set<String> before = new HashSet<>(s3.keys(BUCKET, "warehouse/published/"));

    // Re-publishing the same date writes a whole new set of objects before its commit: killed between
    // the two, it must leave what readers see untouched. (The publish stage is the one that writes the
    // published tables, so a kill anywhere else in a run cannot touch them.)
    List<String> written;
    try (ChildProcess publish = s3Cli().start(List.of("publish", "--date", NightlyRuns.DATE, "--profile", "s3"),
        logs.resolve("publish-s3-killed.log"))) {
      written = awaitPublishWrites(publish, before);
      // As abrupt as a crash or the OOM killer: no shutdown hooks, no clean-up.
      publish.kill();
      System.out.println(publish.tail());
    }
    List<String> after = s3.keys(BUCKET, "warehouse/published/");
    List<String> newCommits = after.stream().filter(k -> !before.contains(k) && k.endsWith(".json")).toList();
    assertThat(written).as("objects the killed publish had written before the kill").isNotEmpty();
    assertThat(newCommits).as("the kill came before the new publish committed (else this test proves nothing)")
        .isEmpty();

    PublishedSnapshot afterKill = PublishedSnapshot.read(s3SqlCli(), WAREHOUSE, logs.resolve("sql-after-kill.log"));
    assertThat(afterKill.rowsByTable()).isEqualTo(publishedOnS3.rowsByTable());
  }

  /**
   * Waits until the run writes its first data object under {@code published/} (anything but a JSON
   * manifest or pointer), i.e. it is publishing and has not committed.
   */
  private static List<String> awaitPublishWrites(ChildProcess run, Set<String> before) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(40));
    while (Instant.now().isBefore(deadline)) {
      assertThat(run.isAlive()).as("the publish ended before it wrote anything; output:\n%s", run.tail()).isTrue();
      List<String> fresh = s3.keys(BUCKET, "warehouse/published/").stream()
          .filter(k -> !before.contains(k) && !k.endsWith(".json")).toList();
      if (!fresh.isEmpty()) {
        return fresh;
      }
      S3ProxyServer.sleep(50);
    }
    throw new AssertionError("the publish wrote nothing under published/ within 40 minutes:\n" + run.tail());
  }
}
