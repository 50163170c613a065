package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jingzhun} on a Java 25 runtime ({@code JINGZHUN_JAVA_HOME}, docs/operations.md, "Java 25 for local runs"):
 * Hadoop's {@code Subject.getSubject} calls are patched, a first run records the AOT cache, a second run
 * starts from it, and both publish exactly the tables of the Java 17 reference run. Skipped on a machine
 * without a Java 25+ runtime (named by {@code JINGZHUN_IT_JAVA25_HOME}, or found under /usr/lib/jvm).
 */
@org.junit.jupiter.api.Tag("e2e")
class NightlyRunOnJava25IT {
  @TempDir static Path work;

  @Test
  void runsOnJava25WithAndWithoutTheAotCacheAndPublishesTheSameTables() throws Exception {
    Optional<Path> java25 = java25Home();
    Assumptions.assumeTrue(java25.isPresent(), "no Java 25+ runtime on this machine (JINGZHUN_IT_JAVA25_HOME)");
    Path logs = Files.createDirectories(work.resolve("logs"));
    PublishedSnapshot reference = NightlyRuns.referenceRun().published();
    Map<String, String> env = NightlyRuns.environment(Map.of("JINGZHUN_JAVA_HOME", java25.get().toString()));

    JingzhunCli plain = JingzhunCli.withEnvironment(env);
    String cache = NightlyRuns.startUpArchive(plain, logs.resolve("aot-cache.log"));
    assertThat(cache).as("the AOT cache of this jar on %s", java25.get()).endsWith(".aot");
    Files.deleteIfExists(Path.of(cache));

    // First run: records the cache as it ends.
    Map<String, String> training = new LinkedHashMap<>(env);
    training.put("JINGZHUN_AOT_TRAIN", "1");
    JingzhunCli.Result first = JingzhunCli.withEnvironment(training).run(runArgs(work.resolve("first")),
        logs.resolve("run-first.log"), Duration.ofMinutes(30));
    assertThat(first.exitCode()).as("first run on Java 25; output:\n%s", first.output()).isZero();
    assertThat(first.output()).doesNotContain("getSubject");
    assertThat(Path.of(cache)).as("the AOT cache the first run records").isNotEmptyFile();

    // Second run: AOTMode=on makes the JVM refuse to start unless it maps the cache.
    Map<String, String> cached = new LinkedHashMap<>(env);
    cached.put("JINGZHUN_JAVA_OPTS", "-Xmx1536m -XX:AOTMode=on");
    JingzhunCli.Result second = JingzhunCli.withEnvironment(cached).run(runArgs(work.resolve("second")),
        logs.resolve("run-second.log"), Duration.ofMinutes(30));
    assertThat(second.exitCode()).as("second run, from the AOT cache; output:\n%s", second.output()).isZero();

    for (String run : List.of("first", "second")) {
      PublishedSnapshot onJava25 = PublishedSnapshot.read(plain, work.resolve(run).toString(),
          logs.resolve("sql-" + run + ".log"));
      assertThat(onJava25.counts()).as("%s run's tables", run).isEqualTo(reference.counts());
      assertThat(onJava25.rowsByTable()).as("%s run's rows", run).isEqualTo(reference.rowsByTable());
    }
  }

  private static List<String> runArgs(Path warehouse) {
    return List.of("run", "--date", NightlyRuns.DATE, "--profile", "local",
        "--landing", NightlyRuns.sampleData().toString(), "--warehouse", warehouse.toString());
  }

  /** JINGZHUN_IT_JAVA25_HOME, else the newest JDK of version 25 or later under /usr/lib/jvm. */
  static Optional<Path> java25Home() throws IOException {
    String named = System.getenv("JINGZHUN_IT_JAVA25_HOME");
    if (named != null && !named.isBlank()) {
      assertThat(majorVersion(Path.of(named)).orElse(0)).as("Java version of JINGZHUN_IT_JAVA25_HOME=%s", named)
          .isGreaterThanOrEqualTo(25);
      return Optional.of(Path.of(named));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
          .filter(h -> majorVersion(h).orElse(0) >= 25)
          .max(Comparator.comparing(h -> majorVersion(h).orElse(0)));
    }
  }

  private static Optional<Integer> majorVersion(Path javaHome) {
    try {
      Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(javaHome.resolve("release")));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
