package io.jingzhun.publish;

import io.jingzhun.common.SparkSessions;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * Run by {@link PublishKillTest} in a child JVM: publishes the test tables and, after the first
 * table is written, says so on stdout and waits to be killed.
 */
public final class PublishInChildJvm {
  static final String WRITTEN = "TABLE WRITTEN ";

  private PublishInChildJvm() {}

  public static void main(String[] args) throws Exception {
    Warehouse warehouse = Warehouse.at(args[0]);
    LocalDate date = LocalDate.parse(args[1]);
    SparkSession spark = SparkSessions.getOrCreate("publish-kill-test");
    PublishHook waitToBeKilled = new PublishHook() {
      @Override
      public void afterTableWritten(String table, String location) {
        System.out.println(WRITTEN + table + " " + location);
        System.out.flush();
        try {
          Thread.sleep(600_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    // "complete": publish without waiting (to try the sql command on a real warehouse by hand).
    boolean complete = args.length > 2 && args[2].equals("complete");
    Publisher.to(warehouse).withContracts(PublishFixtures.CONTRACTS).withHook(complete ? PublishHook.NONE : waitToBeKilled)
        .publish(spark, date, PublishFixtures.run(spark, 0.6));
    System.out.println("NOT KILLED");
  }
}
