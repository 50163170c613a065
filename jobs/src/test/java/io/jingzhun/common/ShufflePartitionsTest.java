package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShufflePartitionsTest {
  private static final long MIB = 1024 * 1024;
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 27);

  @Test
  void aCountyOnTwoCoresGetsTwoPartitionsPerCoreAndAMillionHouseholdsSixteen() {
    // sample-data/ (1.2 MB), Haidong (66 MB), a million households (1.4 GB)
    assertThat(ShufflePartitions.forExtracts(1_214_176, 2)).isEqualTo(4);
    assertThat(ShufflePartitions.forExtracts(66_249_454, 2)).isEqualTo(4);
    assertThat(ShufflePartitions.forExtracts(1_370_000_000L, 2)).isEqualTo(16);
    assertThat(ShufflePartitions.forExtracts(0, 2)).isEqualTo(4);
  }

  @Test
  void betweenTheBoundsOnePartitionPer64MibRoundedUp() {
    assertThat(ShufflePartitions.forExtracts(5 * 64 * MIB, 2)).isEqualTo(5);
    assertThat(ShufflePartitions.forExtracts(5 * 64 * MIB + 1, 2)).isEqualTo(6);
    assertThat(ShufflePartitions.forExtracts(16 * 64 * MIB + 1, 2)).isEqualTo(16);
  }

  @Test
  void manyCoresKeepSixteenWhateverTheSize() {
    assertThat(ShufflePartitions.forExtracts(1_000_000, 8)).isEqualTo(16);
    assertThat(ShufflePartitions.forExtracts(1_000_000, 64)).isEqualTo(16);
    assertThat(ShufflePartitions.forExtracts(1_000_000, 3)).isEqualTo(6);
  }

  @Test
  void nonsenseArgumentsAreRefusedWithWhatWasExpected() {
    assertThatThrownBy(() -> ShufflePartitions.forExtracts(-1, 2)).hasMessageContaining("(>= 0), got -1");
    assertThatThrownBy(() -> ShufflePartitions.forExtracts(1, 0)).hasMessageContaining("positive number of cores");
  }

  @Test
  void theSessionCountIsSetFromTheSizeOfTheRunDatesLandingFolder(@TempDir Path landing) throws Exception {
    // a sparse file: its length counts, not the disk it takes
    Path table = Files.createDirectories(landing.resolve(NIGHT.toString()).resolve("members"));
    try (RandomAccessFile f = new RandomAccessFile(table.resolve("members.csv").toFile(), "rw")) {
      f.setLength(5 * 64 * MIB + 1);
    }
    Files.writeString(Files.createDirectories(landing.resolve("2026-11-26").resolve("members")).resolve("m.csv"),
        "other nights do not count");
    withSessionCount("9", spark -> {
      assertThat(ShufflePartitions.sizeFromExtracts(spark, Map.of(), landing.toString(), NIGHT, k -> null))
          .contains(6);
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("6");
    });
  }

  @Test
  void aCountNamedByTheProfileOrSparkSubmitIsLeftAlone(@TempDir Path landing) throws Exception {
    Files.createDirectories(landing.resolve(NIGHT.toString()).resolve("members"));
    withSessionCount("9", spark -> {
      assertThat(ShufflePartitions.sizeFromExtracts(spark, Map.of("spark.sql.shuffle.partitions", "200"),
          landing.toString(), NIGHT, k -> null)).isEmpty();
      Map<String, String> submitted = Map.of("spark.sql.shuffle.partitions", "400");
      assertThat(ShufflePartitions.sizeFromExtracts(spark, Map.of(), landing.toString(), NIGHT, submitted::get))
          .isEmpty();
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("9");
    });
  }

  @Test
  void withoutALandingFolderForTheDateTheCountStands(@TempDir Path landing) {
    withSessionCount("9", spark -> {
      assertThat(ShufflePartitions.sizeFromExtracts(spark, Map.of(), landing.toString(), NIGHT, k -> null))
          .isEqualTo(Optional.empty());
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("9");
    });
  }

  @Test
  void aLandingThatCannotBeReadLeavesTheCountForTheStageToReportWhatIsWrong() {
    // no file system serves this scheme: the same path as a store refusing the credentials
    withSessionCount("9", spark -> {
      assertThat(ShufflePartitions.sizeFromExtracts(spark, Map.of(), "nosuchscheme://bucket/landing", NIGHT,
          k -> null)).isEmpty();
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("9");
    });
  }

  /** Runs {@code body} with the shared session's count at {@code count}, then puts the tests' count back. */
  private static void withSessionCount(String count, java.util.function.Consumer<SparkSession> body) {
    SparkSession spark = TestSpark.get();
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", count);
    try {
      body.accept(spark);
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }
}
