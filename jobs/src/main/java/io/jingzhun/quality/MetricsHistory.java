package io.jingzhun.quality;

import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The nights' metrics of every checked table: Deequ's file-system metrics repository (one JSON file),
 * safe to use from tables checked side by side. The repository rewrites its whole file on each save,
 * so two unguarded saves at once would lose one; every read and write here holds one lock.
 */
final class MetricsHistory {
  private final FileSystemMetricsRepository repository;

  MetricsHistory(SparkSession spark, String path) {
    this.repository = new FileSystemMetricsRepository(spark, path);
  }

  /**
   * Adds metrics to those already kept under the key (tonight's other metrics of the table); a metric
   * computed again replaces its earlier value.
   */
  synchronized void append(ResultKey key, AnalyzerContext metrics) {
    AnalyzerContext existing = repository.loadByKey(key).getOrElse(AnalyzerContext::empty);
    repository.save(key, existing.$plus$plus(metrics));
  }

  /** Every night's results of one table and county tag. */
  synchronized List<AnalysisResult> results(String table, String county) {
    return Scala.java(repository.load().withTagValues(Scala.map(Map.of("table", table, "county", county))).get());
  }
}
