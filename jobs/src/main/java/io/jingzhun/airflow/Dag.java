package io.jingzhun.airflow;

/** A DAG Airflow knows; new DAGs start paused and run only once unpaused. */
public record Dag(String dagId, boolean paused, boolean stale, String fileLocation) {}
