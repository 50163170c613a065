package io.jingzhun.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.airflow.FakeAirflow.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirflowClientTest {
  private static final String RUNS = "/api/v2/dags/jingzhun_nightly/dagRuns";
  private final FakeAirflow airflow = new FakeAirflow();

  @AfterEach
  void stop() {
    airflow.close();
  }

  private static String run(String state) {
    return "{\"dag_run_id\":\"manual__2026-11-27\",\"dag_id\":\"jingzhun_nightly\","
        + "\"logical_date\":\"2026-11-26T18:00:00Z\",\"state\":\"" + state + "\",\"run_type\":\"manual\","
        + "\"start_date\":null,\"end_date\":null,\"conf\":{\"reason\":\"rerun\"}}";
  }

  @Test
  void logsInOnceAndSendsTheTokenAsBearer() {
    airflow.on("GET", "/api/v2/dags", 200, "{\"dags\":[{\"dag_id\":\"jingzhun_nightly\",\"is_paused\":true,"
        + "\"is_stale\":false,\"fileloc\":\"/x/jingzhun_nightly.py\"}],\"total_entries\":1}");
    AirflowClient client = airflow.client();

    assertThat(client.listDags()).containsExactly(new Dag("jingzhun_nightly", true, false, "/x/jingzhun_nightly.py"));
    client.listDags();

    assertThat(airflow.tokensIssued()).isEqualTo(1);
    assertThat(airflow.requests("GET", "/api/v2/dags")).extracting(FakeAirflow.Request::authorization)
        .containsOnly("Bearer t1");
  }

  @Test
  void logsInAgainOnceWhenTheTokenIsNoLongerAccepted() {
    airflow.on("GET", RUNS + "/r1", 200, run("running"));
    AirflowClient client = airflow.client();
    client.dagRun("jingzhun_nightly", "r1");

    airflow.expireTokens(); // e.g. Airflow restarted with another signing key
    assertThat(client.dagRun("jingzhun_nightly", "r1").state()).isEqualTo(DagRunState.RUNNING);

    assertThat(airflow.tokensIssued()).isEqualTo(2);
    assertThat(airflow.requests("GET", RUNS + "/r1")).extracting(FakeAirflow.Request::authorization)
        .containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
  }

  @Test
  void wrongPasswordIsUnauthorisedAndTheMessageNeverHoldsThePassword() {
    AirflowClient client = new AirflowClient(
        AirflowSettings.builder().url(airflow.url()).credentials("analyst", "wrong-pw-123").build());

    assertThatThrownBy(client::listDags)
        .isInstanceOf(AirflowError.Unauthorised.class)
        .hasMessageContaining("analyst")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw-123"));
  }

  @Test
  void withoutCredentialsOnlyHealthWorksAndTheErrorSaysWhatToSet() {
    airflow.on("GET", "/api/v2/monitor/health", 200, "{\"metadatabase\":{\"status\":\"healthy\"},"
        + "\"scheduler\":{\"status\":\"healthy\",\"latest_scheduler_heartbeat\":\"2026-11-28T01:00:00+00:00\"}}");
    AirflowClient client = new AirflowClient(AirflowSettings.builder().url(airflow.url()).build());

    Health health = client.health();
    assertThat(health.healthy()).isTrue();
    assertThat(health.components().get("scheduler").latestHeartbeat())
        .isEqualTo(OffsetDateTime.parse("2026-11-28T01:00:00Z"));
    assertThat(health.components().get("metadatabase").latestHeartbeat()).isNull();
    assertThatThrownBy(client::listDags).isInstanceOf(AirflowError.Unauthorised.class)
        .hasMessageContaining("JINGZHUN_AIRFLOW_USER");
  }

  @Test
  void unhealthyComponentMakesAirflowUnhealthy() {
    airflow.on("GET", "/api/v2/monitor/health", 200, "{\"metadatabase\":{\"status\":\"healthy\"},"
        + "\"scheduler\":{\"status\":\"unhealthy\",\"latest_scheduler_heartbeat\":null}}");
    assertThat(airflow.client().health().healthy()).isFalse();
  }

  @Test
  void statusCodesBecomeTypedErrorsWithAirflowsMessage() {
    airflow.on("GET", RUNS + "/forbidden", 403, "{\"detail\":\"Forbidden\"}")
        .on("GET", RUNS + "/missing", 404, "{\"detail\":\"The DagRun with dag_id: `jingzhun_nightly` and run_id: "
            + "`missing` was not found\"}")
        .on("GET", RUNS + "/broken", 500, "Internal Server Error")
        .on("POST", RUNS, 409, "{\"detail\":\"DAG Run already exists\"}");
    AirflowClient client = airflow.client();

    assertThatThrownBy(() -> client.dagRun("jingzhun_nightly", "forbidden"))
        .isInstanceOf(AirflowError.Forbidden.class).hasMessageContaining("analyst");
    assertThatThrownBy(() -> client.dagRun("jingzhun_nightly", "missing"))
        .isInstanceOf(AirflowError.NotFound.class).hasMessageContaining("run_id: `missing` was not found")
        .extracting(e -> ((AirflowError) e).httpStatus()).isEqualTo(404);
    assertThatThrownBy(() -> client.dagRun("jingzhun_nightly", "broken"))
        .isInstanceOf(AirflowError.ServerError.class).hasMessageContaining("500")
        .hasMessageContaining("Internal Server Error");
    assertThatThrownBy(() -> client.trigger("jingzhun_nightly", null, "r1", Map.of()))
        .isInstanceOf(AirflowError.Conflict.class).hasMessageContaining("DAG Run already exists");
  }

  @Test
  void invalidRequestCarriesAirflowsValidationMessages() {
    airflow.on("POST", RUNS, 422, "{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"colour\"],"
        + "\"msg\":\"Extra inputs are not permitted\"},{\"type\":\"missing\",\"loc\":[\"body\",\"logical_date\"],"
        + "\"msg\":\"Field required\"}]}");

    assertThatThrownBy(() -> airflow.client().trigger("jingzhun_nightly", null, null, Map.of()))
        .isInstanceOf(AirflowError.InvalidRequest.class)
        .hasMessageContaining("body.colour: Extra inputs are not permitted; body.logical_date: Field required");
  }

  @Test
  void unreachableAirflowIsReportedAsSuch() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    AirflowClient client = new AirflowClient(AirflowSettings.builder().url("http://127.0.0.1:" + closedPort)
        .credentials("analyst", "pw").build());

    assertThatThrownBy(client::health).isInstanceOf(AirflowError.Unreachable.class)
        .hasMessageContaining("127.0.0.1:" + closedPort);
  }

  @Test
  void slowAnswerIsATimeout() {
    airflow.on("GET", RUNS + "/slow", new Answer(200, run("running"), 3000));
    AirflowClient client = new AirflowClient(AirflowSettings.builder().url(airflow.url())
        .credentials(FakeAirflow.USER, FakeAirflow.PASSWORD).requestTimeout(Duration.ofMillis(300)).build());

    assertThatThrownBy(() -> client.dagRun("jingzhun_nightly", "slow")).isInstanceOf(AirflowError.Timeout.class)
        .hasMessageContaining("did not answer");
  }

  @Test
  void triggerSendsLogicalDateConfAndRunIdAndReadsTheRun() {
    airflow.on("POST", RUNS, 200, run("queued"));
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("reason", "rerun");

    DagRun run = airflow.client().trigger("jingzhun_nightly", NightlyRuns.logicalDate(LocalDate.of(2026, 11, 27)),
        "manual__2026-11-27", conf);

    assertThat(airflow.requests("POST", RUNS).get(0).body()).isEqualTo("{\"dag_run_id\":\"manual__2026-11-27\","
        + "\"logical_date\":\"2026-11-27T02:00+08:00\",\"conf\":{\"reason\":\"rerun\"}}");
    assertThat(run).isEqualTo(new DagRun("jingzhun_nightly", "manual__2026-11-27",
        OffsetDateTime.parse("2026-11-26T18:00:00Z"), DagRunState.QUEUED, "manual", null, null, conf));
    assertThat(NightlyRuns.runDate(run)).isEqualTo(LocalDate.of(2026, 11, 27));
  }

  @Test
  void triggerWithoutLogicalDateSendsAnExplicitNull() {
    airflow.on("POST", RUNS, 200, run("queued"));
    airflow.client().trigger("jingzhun_nightly", null, null, null);
    assertThat(airflow.requests("POST", RUNS).get(0).body()).isEqualTo("{\"logical_date\":null,\"conf\":{}}");
  }

  @Test
  void runIdsWithColonsAndPlusSignsAreEscapedInThePath() {
    airflow.on("GET", RUNS + "/manual__2026-11-27T02:00:00+08:00", 200, run("success"));
    assertThat(airflow.client().dagRun("jingzhun_nightly", "manual__2026-11-27T02:00:00+08:00").state())
        .isEqualTo(DagRunState.SUCCESS);
    assertThat(airflow.requests("GET", RUNS).get(0).pathAndQuery()).endsWith("T02%3A00%3A00%2B08%3A00");
  }

  @Test
  void waitPollsWithBackOffUntilTheRunEnds() {
    airflow.on("GET", RUNS + "/r1", new Answer(200, run("queued"), 0), new Answer(200, run("running"), 0),
        new Answer(200, run("running"), 0), new Answer(200, run("failed"), 0));

    DagRun done = airflow.client().waitForTerminal("jingzhun_nightly", "r1", Duration.ofSeconds(20),
        Duration.ofMillis(10), Duration.ofMillis(40));

    assertThat(done.state()).isEqualTo(DagRunState.FAILED);
    assertThat(airflow.requests("GET", RUNS + "/r1")).hasSize(4);
  }

  @Test
  void waitGivesUpAfterTheTimeoutNamingTheLastState() {
    airflow.on("GET", RUNS + "/r1", 200, run("running"));
    long started = System.nanoTime();

    assertThatThrownBy(() -> airflow.client().waitForTerminal("jingzhun_nightly", "r1", Duration.ofMillis(500),
        Duration.ofMillis(50), Duration.ofMillis(200)))
        .isInstanceOf(AirflowError.Timeout.class).hasMessageContaining("still running");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    // 50, 100, 200, 200 ms … : far fewer polls than a fixed 50 ms sleep would make
    assertThat(airflow.requests("GET", RUNS + "/r1").size()).isBetween(3, 7);
  }

  @Test
  void listsFollowPagination() {
    StringBuilder first = new StringBuilder("{\"task_instances\":[");
    for (int i = 0; i < 100; i++) {
      first.append(i == 0 ? "" : ",").append("{\"task_id\":\"t").append(i)
          .append("\",\"state\":\"success\",\"try_number\":1,\"max_tries\":2,\"duration\":1.5}");
    }
    first.append("],\"total_entries\":101}");
    String second = "{\"task_instances\":[{\"task_id\":\"t100\",\"state\":null,\"try_number\":0,\"max_tries\":2,"
        + "\"duration\":null}],\"total_entries\":101}";
    airflow.on("GET", RUNS + "/r1/taskInstances", new Answer(200, first.toString(), 0), new Answer(200, second, 0));

    List<TaskInstance> tasks = airflow.client().taskInstances("jingzhun_nightly", "r1");

    assertThat(tasks).hasSize(101);
    assertThat(tasks.get(0)).isEqualTo(new TaskInstance("t0", "success", 1, 2, null, null, 1.5));
    assertThat(tasks.get(100).state()).isNull();
    assertThat(airflow.requests("GET", RUNS + "/r1/taskInstances")).extracting(FakeAirflow.Request::pathAndQuery)
        .containsExactly(RUNS + "/r1/taskInstances?limit=100&offset=0", RUNS + "/r1/taskInstances?limit=100&offset=100");
  }

  @Test
  void taskLogReadsStructuredAndPlainLines() {
    airflow.on("GET", RUNS + "/r1/taskInstances/ingest_households/logs/2", 200,
        "{\"content\":[{\"timestamp\":\"2026-11-28T02:00:01Z\",\"level\":\"info\",\"event\":\"Running command\"},"
            + "{\"event\":\"::group::Log message source details\"},\"plain line 1\\nplain line 2\","
            + "{\"level\":\"error\",\"event\":\"Task failed with exception\",\"error_detail\":[{\"exc_type\":"
            + "\"AirflowFailException\",\"exc_value\":\"quality gate blocked run date 2026-11-27\",\"frames\":[]}]}],"
            + "\"continuation_token\":null}");

    TaskLog log = airflow.client().taskLog("jingzhun_nightly", "r1", "ingest_households", 2);

    assertThat(log.text()).isEqualTo("2026-11-28T02:00:01Z [info] Running command\n"
        + "::group::Log message source details\nplain line 1\nplain line 2\n[error] Task failed with exception\n"
        + "  AirflowFailException: quality gate blocked run date 2026-11-27");
    assertThat(airflow.requests("GET", RUNS + "/r1/taskInstances").get(0).pathAndQuery())
        .endsWith("/logs/2?full_content=true");
  }

  @Test
  void importErrorsAreListed() {
    airflow.on("GET", "/api/v2/importErrors", 200, "{\"import_errors\":[{\"import_error_id\":1,"
        + "\"timestamp\":\"2026-11-28T01:00:00Z\",\"filename\":\"broken.py\",\"bundle_name\":\"dags-folder\","
        + "\"stack_trace\":\"SyntaxError: invalid syntax\"}],\"total_entries\":1}");

    assertThat(airflow.client().importErrors()).containsExactly(new DagImportError("broken.py",
        OffsetDateTime.parse("2026-11-28T01:00:00Z"), "SyntaxError: invalid syntax"));
  }

  @Test
  void unpauseSendsAPatch() {
    airflow.on("PATCH", "/api/v2/dags/jingzhun_nightly", 200,
        "{\"dag_id\":\"jingzhun_nightly\",\"is_paused\":false,\"is_stale\":false,\"fileloc\":\"f.py\"}");
    assertThat(airflow.client().unpause("jingzhun_nightly").paused()).isFalse();
    assertThat(airflow.requests("PATCH", "/api/v2/dags/jingzhun_nightly").get(0).body())
        .isEqualTo("{\"is_paused\":false}");
  }
}
