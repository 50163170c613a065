package io.jingzhun.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many partitions a shuffle makes, chosen from the size of the night's extracts when neither the
 * profile nor spark-submit names a count.
 *
 * <p>Why: a shuffle's partitions are tasks, and every task costs scheduling and a cold code path. A
 * county (Haidong: 66 MB of extracts) ran 7 % faster with 4 partitions than with 16, with identical
 * tables; a million households (1.4 GB) keeps 16, so that each task's share of a shuffle stays bounded.
 * The count is one partition per {@value #BYTES_PER_PARTITION_MIB} MiB of landing extracts, at least
 * two per core (a slow task does not leave a core idle) and at most {@value #MOST}, the count measured
 * at a million households. It depends only on the run date's landing folder, so every stage of a night
 * uses the same count whether it runs in one {@code run} or stage by stage. Results do not depend on
 * it (linkage's sampling and weights are independent of how rows are spread; docs/linkage.md).
 */
public final class ShufflePartitions {
  static final String KEY = "spark.sql.shuffle.partitions";
  static final long BYTES_PER_PARTITION_MIB = 64;
  static final int MOST = 16;
  private static final Logger LOG = LoggerFactory.getLogger(ShufflePartitions.class);

  private ShufflePartitions() {}

  /**
   * The count for {@code landingBytes} of extracts on {@code cores} cores: one per
   * {@value #BYTES_PER_PARTITION_MIB} MiB, at least two per core, at most {@value #MOST}.
   */
  static int forExtracts(long landingBytes, int cores) {
    Preconditions.checkArgument(landingBytes >= 0, "expected the extracts' size in bytes (>= 0), got %s",
        landingBytes);
    Preconditions.checkArgument(cores > 0, "expected a positive number of cores, got %s", cores);
    long bySize = (landingBytes + BYTES_PER_PARTITION_MIB * 1024 * 1024 - 1) / (BYTES_PER_PARTITION_MIB * 1024 * 1024);
    long atLeast = Math.min(MOST, 2L * cores);
    return (int) Math.max(atLeast, Math.min(MOST, bySize));
  }

  /**
   * Sets the session's count from the size of {@code landing}/{@code date}/ unless the profile or
   * spark-submit (a system property) names one; returns the count chosen, or empty when it was left as
   * configured or the landing folder of that date is absent or cannot be measured (the session's count
   * then stands: 16 unless configured).
   */
  public static Optional<Integer> sizeFromExtracts(SparkSession spark, Profile profile, String landing,
      LocalDate date) {
    return sizeFromExtracts(spark, profile == null ? Map.of() : profile.spark(), landing, date,
        System::getProperty);
  }

  static Optional<Integer> sizeFromExtracts(SparkSession spark, Map<String, String> profileSpark, String landing,
      LocalDate date, Function<String, String> systemProperty) {
    Objects.requireNonNull(spark, "spark session must not be null");
    Objects.requireNonNull(landing, "landing location must not be null");
    Objects.requireNonNull(date, "run date must not be null");
    if (profileSpark.containsKey(KEY) || systemProperty.apply(KEY) != null) {
      LOG.info("shuffle partitions: {}, as configured", spark.conf().get(KEY));
      return Optional.empty();
    }
    String folder = Warehouse.Locations.toUri(landing) + "/" + date;
    long bytes;
    try {
      bytes = HadoopFiles.of(spark).fs(folder).getContentSummary(new Path(folder)).getLength();
    } catch (FileNotFoundException e) {
      LOG.info("shuffle partitions: no landing folder {}, keeping {}", folder, spark.conf().get(KEY));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // The count is advice: the stage itself reads the landing (or not) and reports what is wrong
      // with it in its own words (doctor's check of a wrong secret, ingest's missing folder).
      LOG.warn("shuffle partitions: cannot measure the extracts in {} ({}), keeping {}", folder,
          (e.getCause() != null ? e.getCause() : e).getClass().getSimpleName(), spark.conf().get(KEY));
      return Optional.empty();
    }
    int cores = spark.sparkContext().defaultParallelism();
    int partitions = forExtracts(bytes, cores);
    spark.conf().set(KEY, Integer.toString(partitions));
    LOG.info("shuffle partitions: {} for {} of extracts on {} cores (set {} to choose)", partitions,
        megabytes(bytes), cores, KEY);
    return Optional.of(partitions);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
