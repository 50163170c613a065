package io.jingzhun.common;

import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Local mode is the embedded default; a cluster master or S3
 * settings arrive as configuration (spark-submit, --profile), never as code changes.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Returns the active session, or builds one. When no master is configured (plain {@code java}
   * launch, tests) it runs {@code local[*]}; under spark-submit the submitted master wins.
   */
  public static synchronized SparkSession getOrCreate(String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    String master = System.getProperty("spark.master");
    if (master == null || master.isBlank()) {
      builder.master(System.getProperty("jingzhun.local.master", "local[*]"));
    }
    builder
        .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        // Adaptive execution coalesces small shuffles, which matters for county-sized runs.
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.parquet.compression.codec", "zstd")
        // Parquet datetime values are written and read as proleptic Gregorian, without legacy rebasing.
        .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
        .config("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED")
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    if (System.getProperty("spark.sql.shuffle.partitions") == null) {
      builder.config("spark.sql.shuffle.partitions", "16");
    }
    return builder.getOrCreate();
  }
}
