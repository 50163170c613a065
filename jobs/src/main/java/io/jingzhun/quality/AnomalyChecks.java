package io.jingzhun.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.Anomaly;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetector;
import com.amazon.deequ.anomalydetection.DataPoint;
import com.amazon.deequ.anomalydetection.DetectionResult;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.anomalydetection.SimpleThresholdStrategy;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scala.Tuple2;

/**
 * Judges tonight's metrics against the earlier nights kept in the Deequ metrics repository, with the
 * strategy each anomaly rule names (Deequ's AnomalyDetector), and keeps the history it judged against.
 */
final class AnomalyChecks {
  private AnomalyChecks() {}

  static List<AnomalyResult> judge(
      RuleFile file, String county, LocalDate runDate, MetricsHistory history) {
    Map<Long, Map<String, Double>> series = load(history, file.table(), county);
    long tonight = QualityGate.millis(runDate);
    List<AnomalyResult> out = new ArrayList<>();
    for (AnomalyRule a : file.anomalies()) {
      if (a.per() == null) {
        out.add(judgeOne(file.table(), a, null, seriesOf(series, key(a.deequMetricName(), a.deequInstance(), null)),
            tonight));
      } else {
        Map<String, Double> now = series.getOrDefault(tonight, Map.of());
        String prefix = key(a.deequMetricName(), a.deequInstance(), "");
        for (String k : now.keySet()) {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            String group = k.substring(prefix.length());
            out.add(judgeOne(file.table(), a, group, seriesOf(series, k), tonight));
          }
        }
      }
    }
    return out;
  }

  /** The row count of a table across nights (for the trend charts even when no anomaly rule watches it). */
  static List<MetricPoint> rowCounts(MetricsHistory history, String table, String county) {
    Map<Long, Double> s = seriesOf(load(history, table, county), key("Size", "*", null));
    List<MetricPoint> out = new ArrayList<>();
    s.forEach((t, v) -> out.add(new MetricPoint(date(t), v)));
    return out;
  }

  private static AnomalyResult judgeOne(
      String table, AnomalyRule a, String group, Map<Long, Double> series, long tonight) {
    List<MetricPoint> history = new ArrayList<>();
    List<DataPoint<Object>> points = new ArrayList<>();
    series.forEach((t, v) -> {
      if (t < tonight) {
        history.add(new MetricPoint(date(t), v));
        points.add(new DataPoint<>(t, Scala.some((Object) v)));
      }
    });
    Double value = series.get(tonight);
    if (value == null) {
      return new AnomalyResult(table, a.name(), a.metric(), a.deequInstance(), group, a.level(),
          a.strategyDescription(), null, history, false, "no value tonight: the metric could not be computed");
    }
    if (points.isEmpty()) {
      return new AnomalyResult(table, a.name(), a.metric(), a.deequInstance(), group, a.level(),
          a.strategyDescription(), value, history, false, "no history yet: first night for this metric");
    }
    DetectionResult detection = new AnomalyDetector(strategy(a))
        .isNewPointAnomalous(Scala.seq(points), new DataPoint<>(tonight, Scala.some((Object) value)));
    List<Tuple2<Object, Anomaly>> anomalies = Scala.java(detection.anomalies());
    String detail = anomalies.isEmpty() ? null
        : anomalies.get(0)._2().detail().isDefined() ? anomalies.get(0)._2().detail().get() : "anomalous";
    return new AnomalyResult(table, a.name(), a.metric(), a.deequInstance(), group, a.level(),
        a.strategyDescription(), value, history, !anomalies.isEmpty(), detail);
  }

  private static AnomalyDetectionStrategy strategy(AnomalyRule a) {
    return switch (a.strategy()) {
      case "relative_rate_of_change" ->
          new RelativeRateOfChangeStrategy(Scala.someDouble(a.maxDecrease()), Scala.someDouble(a.maxIncrease()), 1);
      case "absolute_change" ->
          new AbsoluteChangeStrategy(Scala.someDouble(a.maxDecrease()), Scala.someDouble(a.maxIncrease()), 1);
      case "simple_threshold" -> new SimpleThresholdStrategy(a.lower(), a.upper());
      default -> throw new IllegalStateException("unknown strategy " + a.strategy());
    };
  }

  /** Every night's metrics of one table: time → ("name|instance|group" → value). */
  private static Map<Long, Map<String, Double>> load(
      MetricsHistory history, String table, String county) {
    Map<Long, Map<String, Double>> out = new TreeMap<>();
    for (AnalysisResult r : history.results(table, county)) {
      Map<String, Double> night = out.computeIfAbsent(r.resultKey().dataSetDate(), k -> new TreeMap<>());
      for (Map.Entry<Analyzer<?, Metric<?>>, Metric<?>> e : Scala.java(r.analyzerContext().metricMap()).entrySet()) {
        if (e.getValue() instanceof DoubleMetric d && d.value().isSuccess()) {
          String group = groupOf(e.getKey());
          night.put(key(d.name(), d.instance(), group), ((Number) d.value().get()).doubleValue());
        }
      }
    }
    return out;
  }

  /** The group of a filtered Mean ("county_code = '630222'" → 630222), else null. */
  private static String groupOf(Analyzer<?, Metric<?>> analyzer) {
    Object a = analyzer;
    if (a instanceof com.amazon.deequ.analyzers.Mean m && m.where().isDefined()) {
      String w = m.where().get();
      int q = w.indexOf('\'');
      return q >= 0 && w.endsWith("'") ? w.substring(q + 1, w.length() - 1).replace("\\'", "'") : w;
    }
    return null;
  }

  private static String key(String name, String instance, String group) {
    return name + "|" + instance + "|" + (group == null ? "" : group);
  }

  private static Map<Long, Double> seriesOf(Map<Long, Map<String, Double>> all, String key) {
    Map<Long, Double> out = new TreeMap<>();
    all.forEach((t, m) -> {
      if (m.containsKey(key)) {
        out.put(t, m.get(key));
      }
    });
    return out;
  }

  static LocalDate date(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }
}
