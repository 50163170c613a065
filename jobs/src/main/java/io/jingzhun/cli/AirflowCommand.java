package io.jingzhun.cli;

import io.jingzhun.airflow.AirflowClient;
import io.jingzhun.airflow.AirflowSettings;
import io.jingzhun.airflow.DagRun;
import io.jingzhun.airflow.NightlyRuns;
import io.jingzhun.airflow.TaskInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jingzhun airflow trigger|status|logs|health}: the nightly run on Airflow without its web UI.
 * Connection settings: {@code JINGZHUN_AIRFLOW_URL}, {@code _USER}, {@code _PASSWORD} (or
 * {@code _PASSWORD_FILE}), or a YAML file ({@link AirflowSettings}).
 */
@Command(
    name = "airflow",
    description = "Trigger and watch the nightly run on Airflow (JINGZHUN_AIRFLOW_URL, _USER, _PASSWORD).",
    mixinStandardHelpOptions = true,
    subcommands = {
      AirflowCommand.Trigger.class,
      AirflowCommand.Status.class,
      AirflowCommand.Logs.class,
      AirflowCommand.Health.class
    })
public final class AirflowCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options every sub-command shares. */
  static final class Connection {
    @Option(names = "--airflow-config", paramLabel = "FILE",
        description = "YAML file with url, user, password_file, trust_store… (default: $JINGZHUN_AIRFLOW_CONFIG)")
    Path config;

    @Option(names = "--dag", defaultValue = NightlyRuns.DAG_ID, description = "DAG id (default: ${DEFAULT-VALUE})")
    String dagId;

    AirflowClient client() {
      Map<String, String> env = System.getenv();
      return new AirflowClient(config == null
          ? AirflowSettings.fromEnvironment(env) : AirflowSettings.load(config, env));
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = "Trigger the nightly run for run date D (logical date D 02:00 Asia/Shanghai).")
  static final class Trigger implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--date", required = true, paramLabel = "D", description = "run date (YYYY-MM-DD)")
    LocalDate date;

    @Option(names = "--run-id", description = "run id (default: Airflow names it)")
    String runId;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "run configuration entries")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--unpause", description = "unpause the DAG first (new DAGs start paused)")
    boolean unpause;

    @Option(names = "--wait", description = "wait until the run succeeds or fails; exit 1 when it fails")
    boolean await;

    @Option(names = "--timeout-minutes", defaultValue = "600", description = "limit for --wait (default: ${DEFAULT-VALUE})")
    long timeoutMinutes;

    @Override
    public Integer call() {
      AirflowClient client = connection.client();
      if (unpause) {
        client.unpause(connection.dagId);
      }
      DagRun run = client.trigger(connection.dagId, NightlyRuns.logicalDate(date), runId, conf);
      System.out.printf("triggered %s run %s for run date %s (%s)%n", run.dagId(), run.runId(), date,
          run.state().code());
      if (!await) {
        return ExitCodes.OK;
      }
      DagRun done = client.waitForTerminal(run.dagId(), run.runId(), Duration.ofMinutes(timeoutMinutes));
      Status.print(done, client.taskInstances(done.dagId(), done.runId()));
      return done.state() == io.jingzhun.airflow.DagRunState.SUCCESS ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "State of a run and its tasks: by run id, by run date, or the latest runs.")
  static final class Status implements Callable<Integer> {
    @Mixin Connection connection;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
      @Option(names = "--date", paramLabel = "D", description = "the run(s) for run date D") LocalDate date;
      @Option(names = "--run-id", paramLabel = "R", description = "one run") String runId;
    }

    @Override
    public Integer call() {
      AirflowClient client = connection.client();
      List<DagRun> runs;
      if (which != null && which.runId != null) {
        runs = List.of(client.dagRun(connection.dagId, which.runId));
      } else if (which != null && which.date != null) {
        runs = NightlyRuns.forRunDate(client, connection.dagId, which.date);
        if (runs.isEmpty()) {
          System.out.printf("no %s run for run date %s%n", connection.dagId, which.date);
          return ExitCodes.ERROR;
        }
      } else {
        List<DagRun> all = client.dagRuns(connection.dagId, null, null);
        runs = all.subList(Math.max(0, all.size() - 10), all.size());
      }
      for (DagRun run : runs) {
        print(run, which == null ? List.of() : client.taskInstances(run.dagId(), run.runId()));
      }
      return ExitCodes.OK;
    }

    static void print(DagRun run, List<TaskInstance> tasks) {
      System.out.printf("%s  run %s  run date %s  %s  started %s  ended %s%n", run.dagId(), run.runId(),
          NightlyRuns.runDate(run), run.state().code(), orDash(run.startDate()), orDash(run.endDate()));
      for (TaskInstance t : tasks) {
        System.out.printf("  %-26s %-16s try %d/%d  %s%n", t.taskId(), t.state() == null ? "-" : t.state(),
            t.tryNumber(), t.maxTries() + 1, t.durationSeconds() == null ? "" : String.format("%.0f s",
                t.durationSeconds()));
      }
    }

    private static String orDash(Object o) {
      return o == null ? "-" : o.toString();
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print one task's log.")
  static final class Logs implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--run-id", required = true) String runId;

    @Option(names = "--task", required = true, paramLabel = "T") String taskId;

    @Option(names = "--try", paramLabel = "N", description = "try number (default: the latest)") Integer tryNumber;

    @Override
    public Integer call() {
      AirflowClient client = connection.client();
      int attempt = tryNumber != null ? tryNumber : client.taskInstances(connection.dagId, runId).stream()
          .filter(t -> t.taskId().equals(taskId)).findFirst()
          .map(t -> Math.max(1, t.tryNumber()))
          .orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no task '" + taskId + "'"));
      System.out.println(client.taskLog(connection.dagId, runId, taskId, attempt).text());
      return ExitCodes.OK;
    }
  }

  @Command(name = "health", mixinStandardHelpOptions = true,
      description = "Airflow's components and their heartbeats; exit 1 unless all are healthy.")
  static final class Health implements Callable<Integer> {
    @Mixin Connection connection;

    @Override
    public Integer call() {
      AirflowClient client = connection.client();
      io.jingzhun.airflow.Health health = client.health();
      System.out.println("Airflow at " + client.settings().baseUrl());
      health.components().forEach((name, c) -> System.out.printf("  %-16s %-10s %s%n", name, c.status(),
          c.latestHeartbeat() == null ? "" : "heartbeat " + c.latestHeartbeat()));
      return health.healthy() ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
