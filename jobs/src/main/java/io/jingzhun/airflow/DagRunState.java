package io.jingzhun.airflow;

import java.util.Locale;

/** The states of a DAG run in Airflow 3. */
public enum DagRunState {
  QUEUED,
  RUNNING,
  SUCCESS,
  FAILED;

  /** A run in this state will not change any more. */
  public boolean terminal() {
    return this == SUCCESS || this == FAILED;
  }

  static DagRunState parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AirflowError.ServerError("Airflow returned an unknown DAG run state '" + value + "'", 200);
    }
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
