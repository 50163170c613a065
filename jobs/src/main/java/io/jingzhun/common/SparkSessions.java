package io.jingzhun.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The one place a SparkSession is made. Local mode is the embedded default; a cluster master or S3
 * settings arrive as configuration (a profile, spark-submit), never as code changes.
 */
public final class SparkSessions {
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("spark.ui.enabled", "false");
    DEFAULTS.put("spark.sql.session.timeZone", "Asia/Shanghai");
    // Adaptive execution coalesces small shuffles, which matters for county-sized runs.
    DEFAULTS.put("spark.sql.adaptive.enabled", "true");
    // Snappy (Spark's own default), not zstd: at 1M households ingest's queries, which write the staged
    // tables, took 17 % less CPU (143 → 119 s), for staged files half as large again (370 → 554 MB).
    // A profile writing to a slow or metered store may prefer zstd.
    DEFAULTS.put("spark.sql.parquet.compression.codec", "snappy");
    // Dates are written and read as proleptic Gregorian, without legacy rebasing.
    DEFAULTS.put("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
    DEFAULTS.put("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
    DEFAULTS.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    DEFAULTS.put("spark.sql.shuffle.partitions", "16");
    // Cached rows (ingest's typed rows, the quality gate's prepared table) are read a few times and
    // released: compressing them cost more than it saved (building the dictionaries was 15 % of ingest's
    // task time on Haidong). They spill to disk when memory is short.
    DEFAULTS.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
    // A join of two shuffled sides whose partitions are all under this size hashes one side instead of
    // sorting both (adaptive execution decides from the shuffle's real sizes). At 1M households the
    // household features' query spent 26 of its 156 s of CPU sorting for its joins, 1.7 s after; the
    // link stage's CPU outside the blocking query fell by 8 %, with identical linked tables. The hashed
    // side of a partition is held in memory: a profile for small executors may lower it (0: never).
    DEFAULTS.put("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold", "128m");
  }

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
    builderSettings(settings, System::getProperty).forEach(builder::config);
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
    return builder.getOrCreate();
  }

  /**
   * What the session builder is to set: the profile's settings over Jingzhun's defaults, leaving out
   * every key spark-submit set (visible as a system property). A builder setting overrides both the
   * system properties and the profile, so a default is set only where neither gives the key.
   */
  static Map<String, String> builderSettings(Map<String, String> profile, Function<String, String> systemProperty) {
    Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
    out.putAll(profile);
    out.keySet().removeIf(k -> systemProperty.apply(k) != null);
    return out;
  }
}
