package io.jingzhun.airflow;

import java.time.OffsetDateTime;

/**
 * One task of one DAG run. {@code state} is Airflow's state name ({@code success}, {@code failed},
 * {@code up_for_retry}, {@code upstream_failed}, …) or null when the task has not been scheduled yet;
 * {@code tryNumber} is the try whose log {@link AirflowClient#taskLog} reads.
 */
public record TaskInstance(
    String taskId,
    String state,
    int tryNumber,
    int maxTries,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Double durationSeconds) {}
