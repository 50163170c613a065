package io.jingzhun.common;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession every test in this JVM shares (surefire runs all test classes in one fork):
 * local[2], few shuffle partitions, UI off. Never stop it in a test.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      System.setProperty("jingzhun.local.master", "local[2]");
      System.setProperty("spark.sql.shuffle.partitions", "4");
      session = SparkSessions.getOrCreate("jingzhun-tests");
      session.conf().set("spark.sql.shuffle.partitions", "4");
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
