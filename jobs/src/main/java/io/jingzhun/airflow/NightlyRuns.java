package io.jingzhun.airflow;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The nightly DAG's rule between run dates and Airflow's logical dates (airflow-dags/jingzhun_nightly.py):
 * the run for run date D has logical date D 02:00 Asia/Shanghai (its schedule interval starts then), and
 * any run's run date is its logical date read in Asia/Shanghai.
 */
public final class NightlyRuns {
  public static final String DAG_ID = "jingzhun_nightly";
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalTime SCHEDULED_AT = LocalTime.of(2, 0);

  private NightlyRuns() {}

  /** The logical date of the (scheduled or triggered) run that processes run date D. */
  public static OffsetDateTime logicalDate(LocalDate runDate) {
    return runDate.atTime(SCHEDULED_AT).atZone(ZONE).toOffsetDateTime();
  }

  /** The run date a run processes, or null when it has no logical date. */
  public static LocalDate runDate(DagRun run) {
    return run.logicalDate() == null ? null : run.logicalDate().atZoneSameInstant(ZONE).toLocalDate();
  }

  /** Runs of {@code dagId} that process run date D (normally one). */
  public static List<DagRun> forRunDate(AirflowClient client, String dagId, LocalDate runDate) {
    OffsetDateTime from = runDate.atStartOfDay(ZONE).toOffsetDateTime();
    OffsetDateTime to = runDate.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime().minusNanos(1000);
    return client.dagRuns(dagId, from, to).stream().filter(r -> runDate.equals(runDate(r))).toList();
  }
}
