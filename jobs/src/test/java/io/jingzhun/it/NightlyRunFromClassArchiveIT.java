package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jingzhun} on Java 17 from the jar's class-data archive (docs/operations.md, "Start-up
 * archives"): a run with {@code JINGZHUN_AOT_TRAIN=1} records it, and a later run that must map it
 * ({@code -Xshare:on}: the JVM refuses to start otherwise) publishes exactly the reference run's tables.
 */
@org.junit.jupiter.api.Tag("e2e")
class NightlyRunFromClassArchiveIT {
  @TempDir static Path work;

  @Test
  void aRecordedClassArchiveIsUsedAndTheRunPublishesTheSameTables() throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs"));
    PublishedSnapshot reference = NightlyRuns.referenceRun().published();
    Map<String, String> env = NightlyRuns.environment(Map.of());
    JingzhunCli plain = JingzhunCli.withEnvironment(env);

    String archive = plain.run(List.of("--aot-cache"), logs.resolve("archive.log"), Duration.ofMinutes(2))
        .output().strip().lines().reduce((a, b) -> b).orElse("");
    assertThat(archive).as("the class-data archive of this jar on Java 17").endsWith(".jsa");
    Files.deleteIfExists(Path.of(archive));

    Map<String, String> recording = new LinkedHashMap<>(env);
    recording.put("JINGZHUN_AOT_TRAIN", "1");
    JingzhunCli.Result first = JingzhunCli.withEnvironment(recording).run(runArgs(work.resolve("first")),
        logs.resolve("run-first.log"), Duration.ofMinutes(30));
    assertThat(first.exitCode()).as("the recording run; output:\n%s", first.output()).isZero();
    assertThat(Path.of(archive)).as("the archive the recording run leaves").isNotEmptyFile();
    try (Stream<Path> siblings = Files.list(Path.of(archive).getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()).filter(n -> n.contains(".recording-")))
          .as("half-written archives left behind").isEmpty();
    }

    Map<String, String> mapped = new LinkedHashMap<>(env);
    mapped.put("JINGZHUN_JAVA_OPTS", "-Xmx1536m -Xshare:on");
    JingzhunCli.Result second = JingzhunCli.withEnvironment(mapped).run(runArgs(work.resolve("second")),
        logs.resolve("run-second.log"), Duration.ofMinutes(30));
    assertThat(second.exitCode()).as("the run from the archive; output:\n%s", second.output()).isZero();
    PublishedSnapshot fromArchive = PublishedSnapshot.read(plain, work.resolve("second").toString(),
        logs.resolve("sql-second.log"));
    assertThat(fromArchive.counts()).as("tables of the run from the archive").isEqualTo(reference.counts());
    assertThat(fromArchive.rowsByTable()).as("rows of the run from the archive").isEqualTo(reference.rowsByTable());
  }

  private static List<String> runArgs(Path warehouse) {
    return List.of("run", "--date", NightlyRuns.DATE, "--profile", "local",
        "--landing", NightlyRuns.sampleData().toString(), "--warehouse", warehouse.toString());
  }
}
