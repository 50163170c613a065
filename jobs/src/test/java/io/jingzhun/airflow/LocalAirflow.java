package io.jingzhun.airflow;

import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Airflow 3 for integration tests: {@code airflow standalone} from {@code .venvs/airflow} (made by
 * bin/test / bin/airflow-venv) on a free loopback port, SQLite and AIRFLOW_HOME in a temporary folder, the
 * project's {@code airflow-dags/} as DAGs folder, fixed users from the simple auth manager's password file
 * and a fixed JWT secret. Stopped with SIGINT, which is how standalone stops its children.
 *
 * <p>Without the virtual environment the tests are skipped on a developer's machine and FAIL in CI
 * ({@code CI=true}), where bin/test must have created it.
 */
final class LocalAirflow implements AutoCloseable {
  static final String USER = "analyst";
  static final String PASSWORD = "analyst-it-password";
  /** A read-only user: may look, may not trigger. */
  static final String VIEWER = "auditor";
  static final String VIEWER_PASSWORD = "auditor-it-password";

  final Path home;
  final int port;
  final Duration startUpTime;
  private final Process process;
  private final Path log;

  private LocalAirflow(Path home, int port, Process process, Path log, Duration startUpTime) {
    this.home = home;
    this.port = port;
    this.process = process;
    this.log = log;
    this.startUpTime = startUpTime;
  }

  static Path venv() {
    String configured = System.getProperty("jingzhun.airflow.venv");
    return configured == null || configured.isBlank()
        ? ProjectFiles.home().resolve(".venvs/airflow") : Path.of(configured);
  }

  /** Starts Airflow and waits until its components are healthy and the nightly DAG is parsed. */
  static LocalAirflow start(Map<String, String> extraEnvironment) throws IOException, InterruptedException {
    Path airflowBin = venv().resolve("bin/airflow");
    if (!Files.isExecutable(airflowBin)) {
      String why = "no Airflow at " + airflowBin + ": run bin/airflow-venv (bin/test does) to create .venvs/airflow";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    Path home = Files.createTempDirectory("jingzhun-airflow-it-");
    Files.writeString(home.resolve("simple_auth_manager_passwords.json.generated"),
        "{\"" + USER + "\": \"" + PASSWORD + "\", \"" + VIEWER + "\": \"" + VIEWER_PASSWORD + "\"}",
        StandardCharsets.UTF_8);
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    // standalone stops its children only on SIGINT, and a process started from a non-interactive shell's
    // background job inherits SIGINT as ignored: restore the default before exec'ing Airflow.
    ProcessBuilder builder = new ProcessBuilder(venv().resolve("bin/python").toString(), "-c",
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
        airflowBin.toString(), "standalone")
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("standalone.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("PATH", venv().resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("AIRFLOW_HOME", home.toString());
    env.put("AIRFLOW__CORE__DAGS_FOLDER", ProjectFiles.home().resolve("airflow-dags").toString());
    env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
    env.put("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", USER + ":user," + VIEWER + ":viewer");
    env.put("AIRFLOW__API_AUTH__JWT_SECRET", "jingzhun-integration-test-jwt-secret-0123456789");
    env.put("AIRFLOW__API__SECRET_KEY", "jingzhun-integration-test-secret-key");
    env.put("AIRFLOW__API__HOST", "127.0.0.1");
    env.put("AIRFLOW__API__PORT", Integer.toString(port));
    env.put("AIRFLOW__API__BASE_URL", url);
    env.put("AIRFLOW__API__WORKERS", "1");
    env.put("AIRFLOW__CORE__EXECUTION_API_SERVER_URL", url + "/execution/");
    // Only triggered runs: the scheduler must not start its own run for "last night" when the DAG is unpaused.
    env.put("AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE", "False");
    env.put("AIRFLOW__CORE__PARALLELISM", "4");
    // Task processes report to the API server; on a busy shared machine its default 5 s is too short.
    env.put("AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT", "60");
    // The workers' and triggerer's log servers default to fixed ports (8793, 8794): take free ones.
    env.put("AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT", Integer.toString(freePort()));
    env.put("AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT", Integer.toString(freePort()));
    env.putAll(extraEnvironment);

    Instant started = Instant.now();
    Process process = builder.start();
    Path log = home.resolve("standalone.log");
    try {
      AirflowClient client = new AirflowClient(AirflowSettings.builder().url(url).credentials(USER, PASSWORD).build());
      Instant deadline = started.plus(Duration.ofMinutes(6));
      while (!ready(client)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("airflow standalone exited with " + process.exitValue() + ":\n"
              + tail(log, 60));
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("Airflow not ready after 6 minutes:\n" + tail(log, 60));
        }
        Thread.sleep(1000);
      }
    } catch (RuntimeException | InterruptedException e) {
      stop(process, home);
      throw e;
    }
    return new LocalAirflow(home, port, process, log, Duration.between(started, Instant.now()));
  }

  private static boolean ready(AirflowClient client) {
    try {
      Health health = client.health();
      if (!health.healthy() || !health.components().containsKey("dag_processor")) {
        return false;
      }
      client.dag(NightlyRuns.DAG_ID);
      return true;
    } catch (AirflowError.Unreachable | AirflowError.NotFound | AirflowError.ServerError e) {
      return false;
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  AirflowClient client() {
    return client(USER, PASSWORD);
  }

  AirflowClient client(String user, String password) {
    return new AirflowClient(AirflowSettings.builder().url(url()).credentials(user, password).build());
  }

  String logTail(int lines) {
    return tail(log, lines);
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop(process, home);
  }

  private static void stop(Process process, Path home) {
    List<ProcessHandle> children = process.descendants().toList();
    long started = System.nanoTime();
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      if (process.waitFor(60, TimeUnit.SECONDS)) {
        System.out.printf("Airflow stopped by SIGINT in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
      } else {
        System.out.println("Airflow did not stop within 60 s of SIGINT: killed");
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) { // whatever SIGINT did not stop, e.g. a stuck task process
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
