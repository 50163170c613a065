package io.jingzhun.airflow;

import static io.jingzhun.common.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client for Airflow 3's REST API (v2): log in, trigger and watch DAG runs, read task logs.
 *
 * <p>Authentication: {@code POST /auth/token} with the configured user and password gives a JWT that is
 * sent as a bearer token; when Airflow answers 401 (the token expired, or Airflow restarted with another
 * key) the client logs in again once and repeats the request. Credentials and tokens are never logged nor
 * put in error messages. Thread-safe.
 */
public final class AirflowClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;

  private final AirflowSettings settings;
  private final HttpClient http;
  private volatile String token;

  public AirflowClient(AirflowSettings settings) {
    this.settings = settings;
    HttpClient.Builder builder = HttpClient.newBuilder()
        // HTTP/1.1: over plain http the default HTTP/2 upgrade request makes Airflow's server (uvicorn)
        // answer 400 "Invalid HTTP request received" to requests with a body.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (settings.trustStore() != null) {
      builder.sslContext(sslContext(settings));
    }
    this.http = builder.build();
  }

  public AirflowSettings settings() {
    return settings;
  }

  // ---- operations ---------------------------------------------------------------------------------------

  /** Health of Airflow's components ({@code /api/v2/monitor/health}, no login needed). */
  public Health health() {
    JsonNode body = send("GET", "/api/v2/monitor/health", null, false);
    Map<String, Health.Component> components = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        String heartbeat = null;
        for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
          Map.Entry<String, JsonNode> field = f.next();
          if (field.getKey().startsWith("latest_") && field.getKey().endsWith("heartbeat")) {
            heartbeat = text(field.getValue());
          }
        }
        components.put(e.getKey(), new Health.Component(text(e.getValue().get("status")), time(heartbeat)));
      }
    }
    return new Health(components);
  }

  /** Every DAG Airflow knows. */
  public List<Dag> listDags() {
    return paged("/api/v2/dags", "dags", AirflowClient::dag);
  }

  /** The DAG {@code dagId}; {@link AirflowError.NotFound} when Airflow has not parsed such a DAG. */
  public Dag dag(String dagId) {
    return dag(send("GET", "/api/v2/dags/" + segment(dagId), null, true));
  }

  /** Unpauses a DAG so its scheduled and triggered runs start; returns it as Airflow now sees it. */
  public Dag unpause(String dagId) {
    ObjectNode body = JSON.createObjectNode().put("is_paused", false);
    return dag(send("PATCH", "/api/v2/dags/" + segment(dagId), body, true));
  }

  /**
   * Triggers a run of {@code dagId}. {@code logicalDate} may be null (a run without a date); {@code runId}
   * may be null (Airflow names it). {@link AirflowError.Conflict} when that run id, or a run for that logical
   * date, exists.
   */
  public DagRun trigger(String dagId, OffsetDateTime logicalDate, String runId, Map<String, ?> conf) {
    ObjectNode body = JSON.createObjectNode();
    if (runId != null) {
      body.put("dag_run_id", runId);
    }
    if (logicalDate == null) {
      body.putNull("logical_date"); // the API requires the field; null means "no logical date"
    } else {
      body.put("logical_date", logicalDate.toString());
    }
    body.set("conf", JSON.valueToTree(conf == null ? Map.of() : conf));
    return dagRun(send("POST", "/api/v2/dags/" + segment(dagId) + "/dagRuns", body, true));
  }

  public DagRun dagRun(String dagId, String runId) {
    return dagRun(send("GET", runPath(dagId, runId), null, true));
  }

  /** Runs of {@code dagId} whose logical date lies in [from, to] (either may be null), oldest first. */
  public List<DagRun> dagRuns(String dagId, OffsetDateTime from, OffsetDateTime to) {
    StringBuilder query = new StringBuilder("/api/v2/dags/" + segment(dagId) + "/dagRuns?order_by=logical_date");
    if (from != null) {
      query.append("&logical_date_gte=").append(param(from.toString()));
    }
    if (to != null) {
      query.append("&logical_date_lte=").append(param(to.toString()));
    }
    return paged(query.toString(), "dag_runs", AirflowClient::dagRun);
  }

  /**
   * Polls the run until it succeeds or fails, sleeping {@code firstDelay}, then twice as long each time up
   * to {@code maxDelay}. {@link AirflowError.Timeout} (naming the last state) when {@code timeout} passes
   * first.
   */
  public DagRun waitForTerminal(String dagId, String runId, Duration timeout, Duration firstDelay,
      Duration maxDelay) {
    checkArgument(!timeout.isNegative() && !firstDelay.isNegative() && !firstDelay.isZero()
        && maxDelay.compareTo(firstDelay) >= 0,
        "expected timeout >= 0 and 0 < firstDelay <= maxDelay, got %s, %s, %s", timeout, firstDelay, maxDelay);
    Instant deadline = Instant.now().plus(timeout);
    Duration delay = firstDelay;
    while (true) {
      DagRun run = dagRun(dagId, runId);
      if (run.state().terminal()) {
        return run;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new AirflowError.Timeout("run " + runId + " of " + dagId + " still " + run.state().code()
            + " after " + timeout.toSeconds() + " s", null);
      }
      try {
        Thread.sleep(Math.min(delay.toMillis(), left.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AirflowError.Timeout("interrupted while waiting for run " + runId + " of " + dagId, e);
      }
      delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
    }
  }

  /** {@link #waitForTerminal(String, String, Duration, Duration, Duration)} polling from 1 s up to 30 s. */
  public DagRun waitForTerminal(String dagId, String runId, Duration timeout) {
    return waitForTerminal(dagId, runId, timeout, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** The tasks of one run, in Airflow's order. */
  public List<TaskInstance> taskInstances(String dagId, String runId) {
    return paged(runPath(dagId, runId) + "/taskInstances", "task_instances", AirflowClient::taskInstance);
  }

  /** The whole log of one try (1-based) of one task. */
  public TaskLog taskLog(String dagId, String runId, String taskId, int tryNumber) {
    checkArgument(tryNumber >= 1, "expected a try number from 1, got %s", tryNumber);
    JsonNode body = send("GET", runPath(dagId, runId) + "/taskInstances/" + segment(taskId) + "/logs/"
        + tryNumber + "?full_content=true", null, true);
    List<TaskLog.Line> lines = new ArrayList<>();
    for (JsonNode entry : body.path("content")) {
      if (entry.isTextual()) {
        entry.asText().lines().forEach(l -> lines.add(new TaskLog.Line(null, null, l)));
      } else {
        StringBuilder event = new StringBuilder(entry.path("event").asText(""));
        for (String field : List.of("error_detail", "exception")) { // a failed task's exception(s)
          for (JsonNode error : entry.path(field)) {
            event.append("\n  ").append(error.path("exc_type").asText("error")).append(": ")
                .append(error.path("exc_value").asText(""));
          }
        }
        lines.add(new TaskLog.Line(time(text(entry.get("timestamp"))), text(entry.get("level")), event.toString()));
      }
    }
    return new TaskLog(lines);
  }

  /** DAG files Airflow could not import. */
  public List<DagImportError> importErrors() {
    return paged("/api/v2/importErrors", "import_errors", n -> new DagImportError(
        text(n.get("filename")), time(text(n.get("timestamp"))), text(n.get("stack_trace"))));
  }

  // ---- HTTP, authentication, error mapping --------------------------------------------------------------

  private <T> List<T> paged(String path, String field, Function<JsonNode, T> parse) {
    List<T> all = new ArrayList<>();
    String separator = path.contains("?") ? "&" : "?";
    while (true) {
      JsonNode page = send("GET", path + separator + "limit=" + PAGE + "&offset=" + all.size(), null, true);
      JsonNode items = page.path(field);
      items.forEach(n -> all.add(parse.apply(n)));
      long total = page.path("total_entries").asLong(all.size());
      if (items.size() == 0 || all.size() >= total) {
        return all;
      }
    }
  }

  private JsonNode send(String method, String path, JsonNode body, boolean authenticated) {
    String used = authenticated ? currentToken() : null;
    HttpResponse<byte[]> response = exchange(method, path, body, used);
    if (response.statusCode() == 401 && authenticated && settings.hasCredentials()) {
      refreshToken(used); // expired, or Airflow restarted with another signing key: log in again, once
      response = exchange(method, path, body, currentToken());
    }
    return parse(response, method + " " + path);
  }

  private HttpResponse<byte[]> exchange(String method, String path, JsonNode body, String bearer) {
    URI uri = URI.create(settings.baseUrl() + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new AirflowError.Unreachable("cannot reach Airflow at " + settings.baseUrl() + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    } catch (HttpTimeoutException e) {
      throw new AirflowError.Timeout("Airflow at " + settings.baseUrl() + " did not answer " + method + " "
          + uri.getPath() + " within " + settings.requestTimeout().toSeconds() + " s", e);
    } catch (SSLException e) {
      throw new AirflowError.Unreachable("TLS with Airflow at " + settings.baseUrl() + " failed: "
          + e.getMessage() + " (a private CA needs JINGZHUN_AIRFLOW_TRUST_STORE)", e);
    } catch (IOException e) {
      throw new AirflowError.Unreachable("cannot reach Airflow at " + settings.baseUrl() + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowError.Timeout("interrupted while calling Airflow", e);
    }
  }

  private String currentToken() {
    String t = token;
    if (t == null && settings.hasCredentials()) {
      refreshToken(null);
      t = token;
    }
    return t;
  }

  private synchronized void refreshToken(String stale) {
    if (token != null && !token.equals(stale)) {
      return; // another thread already logged in again
    }
    ObjectNode credentials = JSON.createObjectNode()
        .put("username", settings.user())
        .put("password", settings.password());
    HttpResponse<byte[]> response = exchange("POST", "/auth/token", credentials, null);
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new AirflowError.Unauthorised("Airflow at " + settings.baseUrl() + " refused the password of user '"
          + settings.user() + "'");
    }
    JsonNode answer = parse(response, "POST /auth/token");
    String accessToken = text(answer.get("access_token"));
    if (accessToken == null) {
      throw new AirflowError.ServerError("Airflow's /auth/token answer has no access_token", response.statusCode());
    }
    token = accessToken;
  }

  private JsonNode parse(HttpResponse<byte[]> response, String what) {
    int status = response.statusCode();
    JsonNode body = readJson(response.body());
    if (status >= 200 && status < 300) {
      if (body == null) {
        throw new AirflowError.ServerError(what + ": Airflow answered " + status + " without a JSON body", status);
      }
      return body;
    }
    String reason = what + ": " + airflowMessage(body, response.body());
    switch (status) {
      case 400, 422 -> throw new AirflowError.InvalidRequest("Airflow refused the request, " + reason, status);
      case 401 -> throw new AirflowError.Unauthorised(settings.hasCredentials()
          ? "Airflow did not accept the login of user '" + settings.user() + "', " + reason
          : "Airflow needs a login: set JINGZHUN_AIRFLOW_USER and JINGZHUN_AIRFLOW_PASSWORD, " + reason);
      case 403 -> throw new AirflowError.Forbidden("user '" + settings.user() + "' may not do this, " + reason);
      case 404 -> throw new AirflowError.NotFound("not found, " + reason);
      case 409 -> throw new AirflowError.Conflict("already exists, " + reason);
      default -> throw new AirflowError.ServerError("Airflow answered " + status + ", " + reason, status);
    }
  }

  /** FastAPI's {@code detail}: a string, or a list of validation errors with {@code loc} and {@code msg}. */
  private static String airflowMessage(JsonNode body, byte[] raw) {
    JsonNode detail = body == null ? null : body.get("detail");
    if (detail == null) {
      String text = new String(raw, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "(no message)" : text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
    if (detail.isTextual()) {
      return detail.asText();
    }
    if (detail.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode d : detail) {
        List<String> loc = new ArrayList<>();
        d.path("loc").forEach(l -> loc.add(l.asText()));
        parts.add((loc.isEmpty() ? "" : String.join(".", loc) + ": ") + d.path("msg").asText(d.toString()));
      }
      return String.join("; ", parts);
    }
    return detail.toString();
  }

  private static JsonNode readJson(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static SSLContext sslContext(AirflowSettings settings) {
    try (InputStream in = Files.newInputStream(settings.trustStore())) {
      KeyStore store = KeyStore.getInstance(settings.trustStoreType());
      String password = settings.trustStorePassword();
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the Airflow trust store " + settings.trustStore() + " ("
          + settings.trustStoreType() + "): " + e.getMessage(), e);
    }
  }

  // ---- JSON to value types ------------------------------------------------------------------------------

  private static Dag dag(JsonNode n) {
    return new Dag(text(n.get("dag_id")), n.path("is_paused").asBoolean(false), n.path("is_stale").asBoolean(false),
        text(n.get("fileloc")));
  }

  @SuppressWarnings("unchecked")
  private static DagRun dagRun(JsonNode n) {
    JsonNode conf = n.get("conf");
    return new DagRun(
        text(n.get("dag_id")),
        text(n.get("dag_run_id")),
        time(text(n.get("logical_date"))),
        DagRunState.parse(text(n.get("state"))),
        text(n.get("run_type")),
        time(text(n.get("start_date"))),
        time(text(n.get("end_date"))),
        conf == null || !conf.isObject() ? Map.of() : JSON.convertValue(conf, Map.class));
  }

  private static TaskInstance taskInstance(JsonNode n) {
    JsonNode duration = n.get("duration");
    return new TaskInstance(
        text(n.get("task_id")),
        text(n.get("state")),
        n.path("try_number").asInt(0),
        n.path("max_tries").asInt(0),
        time(text(n.get("start_date"))),
        time(text(n.get("end_date"))),
        duration == null || duration.isNull() ? null : duration.asDouble());
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static OffsetDateTime time(String value) {
    return value == null || value.isBlank() ? null : OffsetDateTime.parse(value);
  }

  private static String runPath(String dagId, String runId) {
    return "/api/v2/dags/" + segment(dagId) + "/dagRuns/" + segment(runId);
  }

  /** A path segment: run ids hold ':' and '+' (manual__2026-11-27T02:00:00+08:00). */
  private static String segment(String value) {
    checkArgument(value != null && !value.isBlank(), "expected an identifier, got nothing");
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String param(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
