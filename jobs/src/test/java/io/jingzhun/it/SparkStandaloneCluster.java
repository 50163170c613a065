package io.jingzhun.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and one worker started from a Spark
 * distribution (the pyspark package's, see bin/setup-pyspark), as direct child processes so they stop
 * with the test. Logs, the worker's folder and executors' scratch space live under a temporary folder.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
  private final Path workDir;
  private final Map<String, String> environment;
  private final ChildProcess master;
  private final ChildProcess worker;
  private final String masterUrl;
  private final Duration startup;

  private SparkStandaloneCluster(Path workDir, Map<String, String> environment,
      ChildProcess master, ChildProcess worker, String masterUrl, Duration startup) {
    this.workDir = workDir;
    this.environment = environment;
    this.master = master;
    this.worker = worker;
    this.masterUrl = masterUrl;
    this.startup = startup;
  }

  /**
   * Starts a master and a worker with {@code cores} cores and {@code memory} (e.g. "2g") for executors,
   * and returns once the worker has registered with the master.
   */
  public static SparkStandaloneCluster start(Path sparkHome, Path workDir, int cores, String memory) {
    Map<String, String> env = environment(sparkHome, workDir);
    int masterPort = ItEnvironment.freePort();
    int masterUiPort = ItEnvironment.freePort();
    String masterUrl = "spark://127.0.0.1:" + masterPort;
    String spark = sparkHome.resolve("bin/spark-class").toString();
    Instant t0 = Instant.now();
    ChildProcess master = ChildProcess.start("spark-master",
        List.of(spark, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort)),
        env, workDir, workDir.resolve("logs/master.log"));
    ChildProcess worker = null;
    try {
      String status = "http://127.0.0.1:" + masterUiPort + "/json/";
      await(master, status, json -> "ALIVE".equals(json.path("status").asText()), "the master to be ALIVE");
      worker = ChildProcess.start("spark-worker",
          List.of(spark, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
              "--port", String.valueOf(ItEnvironment.freePort()),
              "--webui-port", String.valueOf(ItEnvironment.freePort()),
              "--cores", String.valueOf(cores), "--memory", memory,
              "--work-dir", workDir.resolve("worker").toString(), masterUrl),
          env, workDir, workDir.resolve("logs/worker.log"));
      ChildProcess w = worker;
      await(master, status, json -> w.isAlive() && json.path("aliveworkers").asInt(0) >= 1,
          "the worker to register with the master");
      return new SparkStandaloneCluster(workDir, env, master, worker, masterUrl,
          Duration.between(t0, Instant.now()));
    } catch (RuntimeException | Error e) {
      if (worker != null) {
        worker.close();
      }
      master.close();
      throw e;
    }
  }

  /** What every Spark process of the cluster (and spark-submit) runs with. */
  private static Map<String, String> environment(Path sparkHome, Path workDir) {
    try {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("SPARK_HOME", sparkHome.toString());
      // Outside a Spark distribution's build tree the launcher cannot infer the Scala version.
      env.put("SPARK_SCALA_VERSION", "2.12");
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("SPARK_LOCAL_IP", "127.0.0.1");
      env.put("SPARK_LOG_DIR", Files.createDirectories(workDir.resolve("logs")).toString());
      env.put("SPARK_WORKER_DIR", Files.createDirectories(workDir.resolve("worker")).toString());
      env.put("SPARK_LOCAL_DIRS", Files.createDirectories(workDir.resolve("scratch")).toString());
      // An empty configuration folder: nothing from the machine's Spark settings leaks into the test.
      env.put("SPARK_CONF_DIR", Files.createDirectories(workDir.resolve("conf")).toString());
      env.put("SPARK_DAEMON_MEMORY", "512m");
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + workDir, e);
    }
  }

  private interface Condition {
    boolean holds(JsonNode status);
  }

  private static void await(ChildProcess master, String statusUrl, Condition condition, String what) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    ObjectMapper json = new ObjectMapper();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (!master.isAlive()) {
        throw new AssertionError("the Spark master exited while waiting for " + what + ":\n" + master.tail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(statusUrl))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && condition.holds(json.readTree(r.body()))) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      S3ProxyServer.sleep(250);
    }
    throw new AssertionError("timed out waiting for " + what + "; master log:\n" + master.tail());
  }

  public String masterUrl() {
    return masterUrl;
  }

  /** From launching the master to the worker's registration. */
  public Duration startup() {
    return startup;
  }

  /** The worker's log, where executor launches and failures show. */
  public String workerLog() {
    return worker.output();
  }

  /**
   * Runs a CLI command on this cluster the way operators do, with {@code bin/jingzhun-submit} (spark-submit
   * of the shaded jar in client mode, S3A's jars for the executors), without rebuilding the jar.
   */
  public ChildProcess submit(List<String> sparkOptions, List<String> arguments,
      Map<String, String> extraEnvironment, Path log) {
    ItEnvironment.jar();
    ItEnvironment.submitJars();
    List<String> command = new ArrayList<>(List.of(
        ItEnvironment.home().resolve("bin/jingzhun-submit").toString(),
        "--master", masterUrl, "--deploy-mode", "client", "--driver-memory", "1g", "--executor-memory", "1g"));
    command.addAll(sparkOptions);
    command.add("--");
    command.addAll(arguments);
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("JINGZHUN_SKIP_BUILD", "1");
    env.putAll(extraEnvironment);
    return ChildProcess.start("spark-submit " + arguments.get(0), command, env, workDir, log);
  }

  @Override
  public void close() {
    worker.close();
    master.close();
  }
}
