package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the end-to-end tests of the nightly {@code run} share: the sample county and a local reference run. */
final class NightlyRuns {
  /** The run date of sample-data/. */
  static final String DATE = "2026-11-27";
  /** A fixed pseudonym key, the same in every run compared, so pseudonyms are comparable. */
  static final String PSEUDONYM_KEY = "jingzhun-it-pseudonym-key-2a8d41";

  private NightlyRuns() {}

  /** sample-data/ with the sample run date's extracts (committed by the generator's branch). */
  static Path sampleData() {
    Path sample = ItEnvironment.home().resolve("sample-data");
    assertThat(sample.resolve(DATE)).as("the sample county's extracts (sample-data/%s); merge main once the "
        + "generator's sample-data lands", DATE).isDirectory();
    return sample;
  }

  /** The environment of every run: the pseudonym key, plus whatever the profile needs. */
  static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JINGZHUN_PSEUDONYM_KEY", PSEUDONYM_KEY);
    env.putAll(extra);
    return env;
  }

  /**
   * Fails clearly (never skips) while the {@code run} command is not on this branch: these tests are the
   * acceptance test of issue 8 and must not pass without it.
   */
  static void requireRunCommand(JingzhunCli cli, Path logs) {
    JingzhunCli.Result help = cli.run(List.of("run", "--help"), logs.resolve("run-help.log"), Duration.ofMinutes(5));
    assertThat(help.exitCode() == 0 && help.output().contains("Usage: jingzhun run"))
        .as("the nightly `jingzhun run` command is not available on this branch yet (merge main once it "
            + "lands); `jingzhun run --help` printed:\n%s", help.output())
        .isTrue();
  }

  /**
   * The reference run: {@code bin/jingzhun run} in local mode on sample-data/, done once per test JVM
   * (failsafe runs every IT in one JVM) and shared: {@link NightlyRunIT} examines it, the S3 and cluster
   * tests compare their tables with it. Its warehouse belongs to no test class; a test that changes it
   * (NightlyRunIT re-runs and re-publishes) must leave the published tables as they were.
   *
   * <p>It starts cold, as a fresh checkout's first run does, and records the jar's start-up archive as
   * it ends ({@code JINGZHUN_AOT_TRAIN=1}), as a deployment's first run would: later runs of the same jar
   * start from it ({@link NightlyRunFromClassArchiveIT} checks that they do, and what they publish).
   */
  static synchronized Reference referenceRun() throws IOException {
    if (reference == null) {
      Path work = Files.createTempDirectory("jingzhun-reference-run");
      Path logs = Files.createDirectories(ItEnvironment.home().resolve("jobs/target/it-logs/reference-run"));
      String archive = startUpArchive(logs);
      if (!archive.isEmpty()) {
        Files.deleteIfExists(Path.of(archive)); // the reference run starts cold
      }
      reference = runLocally(work.resolve("warehouse"), logs);
    }
    return reference;
  }

  /** What the reference run left: its warehouse, the run's output and wall time, and the published rows. */
  record Reference(Path warehouse, JingzhunCli.Result result, Duration wallTime, PublishedSnapshot published) {}

  private static Reference reference;

  /** Where {@code bin/jingzhun} keeps the jar's start-up archive for the tests' Java ("" when off). */
  static String startUpArchive(Path logs) {
    return startUpArchive(JingzhunCli.withEnvironment(environment(Map.of())), logs.resolve("start-up-archive.log"));
  }

  /** Where {@code bin/jingzhun} keeps the jar's start-up archive for the Java of {@code cli}'s environment. */
  static String startUpArchive(JingzhunCli cli, Path log) {
    JingzhunCli.Result r = cli.run(List.of("--aot-cache"), log, Duration.ofMinutes(5));
    assertThat(r.exitCode()).as("bin/jingzhun --aot-cache; output:\n%s", r.output()).isZero();
    // The last line: a build, or the Hadoop patch a newer Java needs, may report first.
    return r.output().strip().lines().reduce((a, b) -> b).orElse("");
  }

  private static Reference runLocally(Path warehouse, Path logs) {
    JingzhunCli cli = JingzhunCli.withEnvironment(environment(Map.of("JINGZHUN_AOT_TRAIN", "1")));
    Instant start = Instant.now();
    JingzhunCli.Result r = cli.run(List.of("run", "--date", DATE, "--profile", "local",
            "--landing", sampleData().toString(), "--warehouse", warehouse.toString()),
        logs.resolve("run-local.log"), Duration.ofMinutes(30));
    Duration wall = Duration.between(start, Instant.now());
    ItEnvironment.measured("nightly run on sample-data (local, the reference run)", wall);
    assertThat(r.exitCode()).as("local run; output:\n%s", r.output()).isZero();
    PublishedSnapshot snapshot = PublishedSnapshot.read(JingzhunCli.withEnvironment(environment(Map.of())),
        warehouse.toString(), logs.resolve("sql-local.log"));
    assertThat(snapshot.totalRows()).as("rows published by the local run %s", snapshot.counts()).isPositive();
    return new Reference(warehouse, r, wall, snapshot);
  }
}
