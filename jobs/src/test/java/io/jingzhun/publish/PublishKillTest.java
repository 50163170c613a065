package io.jingzhun.publish;

import static io.jingzhun.publish.PublishFixtures.CONTRACTS;
import static io.jingzhun.publish.PublishFixtures.run;
import static io.jingzhun.publish.PublishFixtures.spark;
import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.Warehouse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publish killed for real (SIGKILL of a child JVM) in the middle of writing its tables. */
class PublishKillTest {
  static final LocalDate D1 = LocalDate.of(2026, 11, 26);
  static final LocalDate D2 = LocalDate.of(2026, 11, 27);

  @TempDir Path dir;

  @Test
  void aPublishKilledMidWriteLeavesThePreviousRunReadableAndIntact() throws Exception {
    Warehouse warehouse = Warehouse.at(dir.resolve("warehouse").toString());
    Publisher publisher = Publisher.to(warehouse).withContracts(CONTRACTS);
    publisher.publish(spark(), D1, run(0.2));
    List<Row> before = PublishFixtures.sorted(PublishedTables.open(spark(), warehouse, Optional.empty()).table("household_scores"));

    Process child = childJvm(warehouse.root(), D2);
    String written;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      written = awaitLine(out, child);
      child.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(written).startsWith(PublishInChildJvm.WRITTEN + "household_scores ");

    // The killed attempt's data is on disk...
    Path attempt = Paths.get(java.net.URI.create(written.split(" ")[3]));
    assertThat(Files.isDirectory(attempt)).isTrue();
    // ...and invisible: readers get the previous run, whole.
    PublishedTables after = PublishedTables.open(spark(), warehouse, Optional.empty());
    assertThat(after.runDate()).isEqualTo(D1);
    assertThat(PublishFixtures.sorted(after.table("household_scores"))).isEqualTo(before);
    assertThat(after.table("village_summary").first().getDouble(2)).isEqualTo(0.1);
    assertThat(PublishedTables.runDates(spark(), warehouse)).containsExactly(D1);
    assertThat(PublishedTables.open(spark(), warehouse, Optional.empty()).history("household_scores").count()).isEqualTo(2);

    // Re-running the date publishes it and removes the killed attempt.
    publisher.publish(spark(), D2, run(0.6));
    assertThat(Files.exists(attempt)).isFalse();
    assertThat(PublishedTables.open(spark(), warehouse, Optional.empty()).runDate()).isEqualTo(D2);
  }

  private Process childJvm(String warehouse, LocalDate date) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    // Spark's Java 17 module options, as this JVM got them from surefire.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || arg.startsWith("-Djdk.reflect")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Djingzhun.local.master=local[1]");
    cmd.add("-Dspark.sql.shuffle.partitions=2");
    cmd.add("-Djingzhun.home=" + System.getProperty("jingzhun.home", "."));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PublishInChildJvm.class.getName());
    cmd.add(warehouse);
    cmd.add(date.toString());
    return new ProcessBuilder(cmd)
        .redirectError(dir.resolve("child-stderr.log").toFile())
        .start();
  }

  private String awaitLine(BufferedReader out, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(PublishInChildJvm.WRITTEN)) {
        return line;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    throw new AssertionError("the child JVM ended without writing a table (exit "
        + (child.isAlive() ? "none" : child.exitValue()) + "): "
        + Files.readString(dir.resolve("child-stderr.log")));
  }
}
