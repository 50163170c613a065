package io.jingzhun.deployment;

import static io.jingzhun.common.Preconditions.checkArgument;
import static io.jingzhun.common.Preconditions.checkNotNull;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Proves that a deployment can do what the nightly run needs before the first night: the driver reaches
 * the landing folder, executors write a table to the warehouse and read it back (which is where S3A
 * settings or missing jars on executors show up), and the driver writes and reads a small record. It
 * touches only {@code <warehouse>/runs/doctor/run_date=D/}, which it replaces on every run.
 */
public final class DeploymentCheck {
  private final SparkSession spark;
  private final String landing;
  private final Warehouse warehouse;
  private final LocalDate runDate;

  public DeploymentCheck(SparkSession spark, String landing, Warehouse warehouse, LocalDate runDate) {
    this.spark = checkNotNull(spark, "expected a SparkSession");
    this.landing = checkNotNull(landing, "expected a landing location");
    this.warehouse = checkNotNull(warehouse, "expected a warehouse");
    this.runDate = checkNotNull(runDate, "expected a run date");
  }

  /** Runs every check; a check that fails is reported, never thrown, so the report shows all of them. */
  public DeploymentReport run(long probeRows, int probePartitions) {
    checkArgument(probeRows > 0, "expected a positive number of probe rows, got %s", probeRows);
    checkArgument(probePartitions > 0, "expected a positive number of partitions, got %s", probePartitions);
    List<DeploymentReport.Finding> findings = new ArrayList<>();
    findings.add(sparkFinding());
    findings.add(landingFinding());
    findings.add(executorsFinding(probeRows, probePartitions));
    findings.add(driverFinding());
    return new DeploymentReport(findings);
  }

  private DeploymentReport.Finding sparkFinding() {
    return DeploymentReport.Finding.ok("spark",
        "master " + spark.sparkContext().master() + ", Spark " + spark.version()
            + ", default parallelism " + spark.sparkContext().defaultParallelism());
  }

  private DeploymentReport.Finding landingFinding() {
    String dateFolder = landing + "/" + runDate;
    try {
      HadoopFiles files = HadoopFiles.of(spark);
      if (!files.exists(landing)) {
        return DeploymentReport.Finding.failed("landing", landing + " does not exist");
      }
      TreeSet<String> tables = new TreeSet<>();
      for (FileStatus s : files.list(dateFolder)) {
        if (s.isDirectory()) {
          tables.add(s.getPath().getName());
        }
      }
      // No extracts yet for the date is normal before the departments deliver; reaching the root is the check.
      return DeploymentReport.Finding.ok("landing", tables.isEmpty()
          ? landing + " reachable; no table folders for " + runDate + " yet"
          : dateFolder + ": " + tables.size() + " table folder(s) " + tables);
    } catch (Exception e) { // Spark rethrows checked Hadoop exceptions without declaring them
      return DeploymentReport.Finding.failed("landing", "cannot read " + landing + ": " + rootCause(e));
    }
  }

  private DeploymentReport.Finding executorsFinding(long rows, int partitions) {
    String probe = probeLocation();
    try {
      // Each row records the executor that made it; writing and reading run on executors, so their
      // file system settings and class path are what is tested here.
      Dataset<Row> made = spark.range(0, rows, 1, partitions)
          .map((MapFunction<Long, Tuple2<Long, String>>) n -> new Tuple2<>(n, SparkEnv.get().executorId()),
              Encoders.tuple(Encoders.LONG(), Encoders.STRING()))
          .toDF("n", "executor");
      made.write().mode(SaveMode.Overwrite).parquet(probe);
      Dataset<Row> back = spark.read().parquet(probe);
      Row totals = back.selectExpr("count(*)", "sum(n)", "count(distinct executor)").first();
      long expectedSum = rows * (rows - 1) / 2;
      if (totals.getLong(0) != rows || totals.getLong(1) != expectedSum) {
        return DeploymentReport.Finding.failed("executors", String.format(
            "wrote %d rows to %s but read back %d rows (sum %d, expected %d)",
            rows, probe, totals.getLong(0), totals.getLong(1), expectedSum));
      }
      return DeploymentReport.Finding.ok("executors", String.format(
          "%d executor(s) wrote %d rows in %d partitions to %s and read them back",
          totals.getLong(2), rows, partitions, probe));
    } catch (Exception e) {
      return DeploymentReport.Finding.failed("executors", "cannot write and read " + probe + ": " + rootCause(e));
    }
  }

  private DeploymentReport.Finding driverFinding() {
    String record = warehouse.runRecords("doctor", runDate) + "/check.txt";
    String content = "deployment check for run date " + runDate + "\n";
    try {
      HadoopFiles files = HadoopFiles.of(spark);
      files.writeString(record, content);
      String back = files.readString(record);
      return back.equals(content)
          ? DeploymentReport.Finding.ok("driver", "wrote and read " + record)
          : DeploymentReport.Finding.failed("driver", record + " read back differs from what was written");
    } catch (Exception e) {
      return DeploymentReport.Finding.failed("driver", "cannot write and read " + record + ": " + rootCause(e));
    }
  }

  /** Where the executors' probe table goes: under the run records, never among real tables. */
  public String probeLocation() {
    return warehouse.runRecords("doctor", runDate) + "/probe";
  }

  /** The innermost message: what an operator needs (e.g. "403 Forbidden", "ClassNotFoundException"). */
  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
