package io.jingzhun.quality;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the quality gate found for a run date. {@link #passed()} is false when any error-level rule
 * failed or could not be judged, or an error-level anomaly was raised: then nothing may be published.
 *
 * @param timingsMs how long each step took (table.step → milliseconds), for operators
 * @param reportHtml, reportJson Hadoop URIs of the auditors' report
 */
public record QualityOutcome(
    LocalDate runDate,
    boolean passed,
    List<RuleResult> results,
    List<AnomalyResult> anomalies,
    List<MetricValue> metrics,
    List<QuarantineCount> quarantine,
    List<Reconciliation> reconciliation,
    List<TrendSeries> trends,
    List<ColumnSummary> profiles,
    List<FindingCount> findings,
    List<String> notes,
    Map<String, Long> timingsMs,
    String reportHtml,
    String reportJson) {

  public QualityOutcome {
    results = List.copyOf(results);
    anomalies = List.copyOf(anomalies);
    metrics = List.copyOf(metrics);
    quarantine = List.copyOf(quarantine);
    reconciliation = List.copyOf(reconciliation);
    trends = List.copyOf(trends);
    profiles = List.copyOf(profiles);
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
  }

  /** The rule results and anomalies that block publishing. */
  public List<String> blocking() {
    List<String> out = new java.util.ArrayList<>();
    results.stream().filter(RuleResult::blocks)
        .forEach(r -> out.add(r.table() + "." + r.rule() + " " + r.status()));
    anomalies.stream().filter(AnomalyResult::blocks)
        .forEach(a -> out.add(a.table() + "." + a.name() + (a.group() == null ? "" : "[" + a.group() + "]")
            + " anomalous"));
    return out;
  }
}
