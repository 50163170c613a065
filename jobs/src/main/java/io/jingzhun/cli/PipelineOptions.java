package io.jingzhun.cli;

import io.jingzhun.common.Profile;
import io.jingzhun.common.ShufflePartitions;
import io.jingzhun.common.SparkSessions;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * Options every stage command shares, so a person and the scheduler say the same thing:
 * {@code --date D [--landing DIR] [--warehouse DIR] [--profile local|s3|cluster]}. Landing and
 * warehouse default to the profile's (for {@code local}: {@code sample-data/} and {@code ./warehouse}).
 */
public final class PipelineOptions {
  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
      description = "Run date: which night's extracts to process.")
  LocalDate date;

  @Option(names = "--landing", paramLabel = "DIR|URI",
      description = "Landing folder holding <run-date>/<table>/ (default: the profile's).")
  String landing;

  @Option(names = "--warehouse", paramLabel = "DIR|URI",
      description = "Warehouse root (default: the profile's).")
  String warehouse;

  @Option(names = "--profile", defaultValue = "local", paramLabel = "NAME",
      description = "Deployment profile in conf/profiles/ (default: ${DEFAULT-VALUE}).")
  String profileName;

  private Profile profile;

  /**
   * The same options, for a command that cannot take them as a mixin (the quality command, whose --date
   * is optional for its sub-commands); null landing or warehouse means the profile's.
   */
  static PipelineOptions of(LocalDate date, String landing, String warehouse, String profileName) {
    PipelineOptions o = new PipelineOptions();
    o.date = date;
    o.landing = landing;
    o.warehouse = warehouse;
    o.profileName = profileName == null ? "local" : profileName;
    return o;
  }

  public LocalDate date() {
    return date;
  }

  public Profile profile() {
    if (profile == null) {
      profile = Profile.load(profileName);
    }
    return profile;
  }

  /** The landing location as a Hadoop URI. */
  public String landing() {
    return Warehouse.Locations.toUri(landing != null ? landing : resolveLocal(profile().landing()));
  }

  public Warehouse warehouse() {
    return Warehouse.at(warehouse != null ? warehouse : resolveLocal(profile().warehouse()));
  }

  /**
   * The session for this command, its shuffle partitions sized from the run date's extracts unless the
   * profile or spark-submit names a count ({@link ShufflePartitions}); without a run date (quality
   * suggest's latest run) the count stays as configured.
   */
  public SparkSession spark(String appName) {
    SparkSession spark = SparkSessions.getOrCreate(appName, profile());
    if (date != null) {
      ShufflePartitions.sizeFromExtracts(spark, profile(), landing(), date);
    }
    return spark;
  }

  /** A profile's relative local path is relative to the project home, not the working directory. */
  private static String resolveLocal(String location) {
    if (location.contains("://") || location.startsWith("/")) {
      return location;
    }
    return io.jingzhun.common.ProjectFiles.home().resolve(location).toString();
  }
}
