package io.jingzhun.airflow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny in-process stand-in for Airflow's API: issues tokens {@code t1, t2, …} for one user and password,
 * accepts only the latest token (or none after {@link #expireTokens()}), and answers each path with a
 * canned status and body. Records every request.
 */
final class FakeAirflow implements AutoCloseable {
  static final String USER = "analyst";
  static final String PASSWORD = "s3cret-pw";

  record Request(String method, String pathAndQuery, String authorization, String body) {}

  record Answer(int status, String body, long delayMillis) {}

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentHashMap<String, List<Answer>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private volatile String validToken;

  FakeAirflow() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  AirflowClient client() {
    return new AirflowClient(AirflowSettings.builder().url(url()).credentials(USER, PASSWORD).build());
  }

  /** Answers {@code METHOD path} (path without query) with these answers in turn; the last one repeats. */
  FakeAirflow on(String method, String path, Answer... inTurn) {
    answers.put(method + " " + path, new ArrayList<>(List.of(inTurn)));
    return this;
  }

  FakeAirflow on(String method, String path, int status, String body) {
    return on(method, path, new Answer(status, body, 0));
  }

  void expireTokens() {
    validToken = "expired";
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Request> requests(String method, String path) {
    return requests().stream().filter(r -> r.method().equals(method) && r.pathAndQuery().startsWith(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String rawPath = exchange.getRequestURI().getRawPath();
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request(method, rawPath + (query == null ? "" : "?" + query), authorization, body));
    if (method.equals("POST") && path.equals("/auth/token")) {
      if (body.contains("\"username\":\"" + USER + "\"") && body.contains("\"password\":\"" + PASSWORD + "\"")) {
        validToken = "t" + tokensIssued.incrementAndGet();
        respond(exchange, 201, "{\"access_token\":\"" + validToken + "\"}");
      } else {
        respond(exchange, 401, "{\"detail\":\"Invalid credentials\"}");
      }
      return;
    }
    List<Answer> inTurn = answers.get(method + " " + path);
    boolean open = path.equals("/api/v2/monitor/health");
    if (!open && (authorization == null || !authorization.equals("Bearer " + validToken))) {
      respond(exchange, 401, "{\"detail\":\"Not authenticated\"}");
      return;
    }
    if (inTurn == null) {
      respond(exchange, 404, "{\"detail\":\"Not Found\"}");
      return;
    }
    Answer answer;
    synchronized (inTurn) {
      answer = inTurn.size() > 1 ? inTurn.remove(0) : inTurn.get(0);
    }
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    respond(exchange, answer.status(), answer.body());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException ignored) {
      // the client gave up (timeout tests)
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
