package io.jingzhun.airflow;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One run of a DAG as Airflow reports it. {@code logicalDate} is null for runs triggered without one;
 * {@code startDate}/{@code endDate} are null until the run starts/ends.
 */
public record DagRun(
    String dagId,
    String runId,
    OffsetDateTime logicalDate,
    DagRunState state,
    String runType,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Map<String, Object> conf) {

  public DagRun {
    conf = conf == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conf));
  }
}
