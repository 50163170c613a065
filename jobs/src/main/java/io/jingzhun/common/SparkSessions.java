package io.jingzhun.common;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The one place a SparkSession is made. Local mode is the embedded default; a cluster master or S3
 * settings arrive as configuration (a profile, spark-submit), never as code changes.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Returns the active session, or builds one. When no master is configured (plain {@code java}
   * launch, tests) it runs {@code local[*]}; under spark-submit the submitted master wins.
   */
  public static synchronized SparkSession getOrCreate(String appName) {
    return getOrCreate(appName, null);
  }

  /**
   * As {@link #getOrCreate(String)}, applying a profile's Spark settings. Settings given to
   * spark-submit (visible as system properties) win over the profile. When a session already exists in
   * this JVM (tests, one process running several stages), only the profile's Hadoop settings are applied
   * to it; its other settings stay as they are.
   */
  public static synchronized SparkSession getOrCreate(String appName, Profile profile) {
    Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      SparkSession spark = existing.get();
      if (profile != null) {
        profile.spark().forEach((k, v) -> {
          if (k.startsWith("spark.hadoop.")) {
            spark.sparkContext().hadoopConfiguration().set(k.substring("spark.hadoop.".length()), v);
          }
        });
      }
      return spark;
    }
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    Map<String, String> settings = profile == null ? Map.of() : profile.spark();
    settings.forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        builder.config(k, v);
      }
    });
    String master = System.getProperty("spark.master");
    if ((master == null || master.isBlank()) && !settings.containsKey("spark.master")) {
      master = System.getProperty("jingzhun.local.master", "local[*]");
      builder.master(master);
    } else if (master == null || master.isBlank()) {
      master = settings.get("spark.master");
    }
    if (master.startsWith("local") && System.getProperty("spark.driver.host") == null) {
      // In local mode everything stays on loopback, whatever the host name resolves to.
      builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    builder
        .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        // Adaptive execution coalesces small shuffles, which matters for county-sized runs.
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.parquet.compression.codec", "zstd")
        // Dates are written and read as proleptic Gregorian, without legacy rebasing.
        .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
        .config("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED")
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    if (System.getProperty("spark.sql.shuffle.partitions") == null
        && !settings.containsKey("spark.sql.shuffle.partitions")) {
      builder.config("spark.sql.shuffle.partitions", "16");
    }
    return builder.getOrCreate();
  }
}
