package io.jingzhun.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jingzhun airflow …` as an analyst uses it, against the in-process fake Airflow. */
class AirflowCommandTest {
  private static final String RUNS = "/api/v2/dags/jingzhun_nightly/dagRuns";
  private final FakeAirflow airflow = new FakeAirflow();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;
  @TempDir Path dir;
  private String config;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("pw"), FakeAirflow.PASSWORD);
    config = Files.writeString(dir.resolve("airflow.yaml"),
        "url: " + airflow.url() + "\nuser: " + FakeAirflow.USER + "\npassword_file: pw\n").toString();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    airflow.close();
  }

  private static String run(String state) {
    return "{\"dag_run_id\":\"manual__x\",\"dag_id\":\"jingzhun_nightly\",\"logical_date\":\"2026-11-27T02:00:00+08:00\","
        + "\"state\":\"" + state + "\",\"run_type\":\"manual\",\"start_date\":\"2026-11-28T22:00:00Z\","
        + "\"end_date\":null,\"conf\":{}}";
  }

  @Test
  void triggerWaitsAndExitsWithTheRunsOutcome() {
    airflow.on("POST", RUNS, 200, run("queued"))
        .on("GET", RUNS + "/manual__x", 200, run("failed"))
        .on("GET", RUNS + "/manual__x/taskInstances", 200, "{\"task_instances\":[{\"task_id\":\"quality_gate\","
            + "\"state\":\"failed\",\"try_number\":1,\"max_tries\":0,\"duration\":12.0}],\"total_entries\":1}");

    int exit = Main.execute("airflow", "trigger", "--date", "2026-11-27", "--wait", "--airflow-config", config);

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("triggered jingzhun_nightly run manual__x for run date 2026-11-27")
        .contains("run date 2026-11-27  failed").containsPattern("quality_gate\\s+failed\\s+try 1/1");
    assertThat(airflow.requests("POST", RUNS).get(0).body()).contains("\"logical_date\":\"2026-11-27T02:00+08:00\"");
  }

  @Test
  void statusByDateFindsTheRunOfThatChinaDay() {
    airflow.on("GET", RUNS, 200, "{\"dag_runs\":[" + run("success") + "],\"total_entries\":1}")
        .on("GET", RUNS + "/manual__x/taskInstances", 200, "{\"task_instances\":[],\"total_entries\":0}");

    assertThat(Main.execute("airflow", "status", "--date", "2026-11-27", "--airflow-config", config)).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("run manual__x  run date 2026-11-27  success");
    assertThat(airflow.requests("GET", RUNS + "?").get(0).pathAndQuery())
        .contains("logical_date_gte=2026-11-27T00%3A00%2B08%3A00");
  }

  @Test
  void errorsArePrintedOnOneLineWithExitOne() {
    assertThat(Main.execute("airflow", "logs", "--run-id", "nope", "--task", "link", "--try", "1",
        "--airflow-config", config)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: not found").doesNotContain(FakeAirflow.PASSWORD);
  }
}
