package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jingzhun} on Java 17 from the jar's class-data archive (docs/operations.md, "Start-up
 * archives"): the reference run records it as it ends ({@code JINGZHUN_AOT_TRAIN=1}), and a later run
 * that must map it ({@code -Xshare:on}: the JVM refuses to start otherwise) publishes exactly the
 * reference run's tables.
 */
@org.junit.jupiter.api.Tag("e2e")
class NightlyRunFromClassArchiveIT {
  @TempDir static Path work;

  @Test
  void theReferenceRunRecordsTheClassArchiveAndARunFromItPublishesTheSameTables() throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs"));
    PublishedSnapshot reference = NightlyRuns.referenceRun().published();
    String archive = NightlyRuns.startUpArchive(logs);
    assertThat(archive).as("the class-data archive of this jar on Java 17").endsWith(".jsa");
    assertThat(Path.of(archive)).as("the archive the reference run leaves").isNotEmptyFile();
    try (Stream<Path> siblings = Files.list(Path.of(archive).getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()).filter(n -> n.contains(".recording-")))
          .as("half-written archives left behind").isEmpty();
    }

    JingzhunCli mapped = JingzhunCli.withEnvironment(
        NightlyRuns.environment(Map.of("JINGZHUN_JAVA_OPTS", "-Xmx1536m -Xshare:on")));
    JingzhunCli.Result run = mapped.run(List.of("run", "--date", NightlyRuns.DATE, "--profile", "local",
            "--landing", NightlyRuns.sampleData().toString(), "--warehouse", work.resolve("warehouse").toString()),
        logs.resolve("run.log"), Duration.ofMinutes(30));
    assertThat(run.exitCode()).as("the run from the archive; output:\n%s", run.output()).isZero();
    PublishedSnapshot fromArchive = PublishedSnapshot.read(mapped, work.resolve("warehouse").toString(),
        logs.resolve("sql.log"));
    assertThat(fromArchive.counts()).as("tables of the run from the archive").isEqualTo(reference.counts());
    assertThat(fromArchive.rowsByTable()).as("rows of the run from the archive").isEqualTo(reference.rowsByTable());
  }
}
