package io.jingzhun.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Where Airflow is and how to log in. Read from an optional YAML file, then from the environment, which
 * wins field by field:
 *
 * <pre>
 * field (YAML)                 environment                          meaning
 * url                          JINGZHUN_AIRFLOW_URL                 e.g. https://airflow.example:8080 (default http://localhost:8080)
 * user                         JINGZHUN_AIRFLOW_USER                Airflow user (role USER or above to trigger)
 * password                     JINGZHUN_AIRFLOW_PASSWORD            its password ...
 * password_file                JINGZHUN_AIRFLOW_PASSWORD_FILE       ... or a file holding it (first line)
 * trust_store                  JINGZHUN_AIRFLOW_TRUST_STORE         optional trust store for a private CA (https)
 * trust_store_password         JINGZHUN_AIRFLOW_TRUST_STORE_PASSWORD
 * trust_store_type             JINGZHUN_AIRFLOW_TRUST_STORE_TYPE    PKCS12 (default) or JKS
 * request_timeout_seconds      JINGZHUN_AIRFLOW_REQUEST_TIMEOUT     one request's limit (default 60)
 * </pre>
 *
 * The file is {@code JINGZHUN_AIRFLOW_CONFIG} (or {@code --airflow-config}); keep it outside the repository
 * or as {@code conf/secrets-airflow.yaml}, which git ignores. Passwords never appear in {@link #toString()}.
 */
public final class AirflowSettings {
  public static final String DEFAULT_URL = "http://localhost:8080";
  private static final Set<String> FIELDS = Set.of("url", "user", "password", "password_file", "trust_store",
      "trust_store_password", "trust_store_type", "request_timeout_seconds");

  private final URI baseUrl;
  private final String user;
  private final String password;
  private final Path trustStore;
  private final String trustStorePassword;
  private final String trustStoreType;
  private final Duration requestTimeout;

  private AirflowSettings(Builder b) {
    String url = b.url == null || b.url.isBlank() ? DEFAULT_URL : b.url.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(b.origin("url") + ": expected an http(s) URL, got '" + url + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(b.origin("url") + ": expected an http(s) URL, got '" + url + "'");
    }
    if ((b.user == null) != (b.password == null)) {
      throw new IllegalArgumentException(b.user == null
          ? b.origin("user") + ": a password is set but no user"
          : b.origin("user") + ": user '" + b.user + "' is set but no password (set JINGZHUN_AIRFLOW_PASSWORD, "
              + "JINGZHUN_AIRFLOW_PASSWORD_FILE or the file's password_file)");
    }
    this.baseUrl = uri;
    this.user = b.user;
    this.password = b.password;
    this.trustStore = b.trustStore;
    this.trustStorePassword = b.trustStorePassword;
    this.trustStoreType = b.trustStoreType == null ? "PKCS12" : b.trustStoreType;
    this.requestTimeout = b.requestTimeout == null ? Duration.ofSeconds(60) : b.requestTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings from the environment, over the YAML file it names in {@code JINGZHUN_AIRFLOW_CONFIG} if any. */
  public static AirflowSettings fromEnvironment(Map<String, String> env) {
    String file = env.get("JINGZHUN_AIRFLOW_CONFIG");
    return load(file == null || file.isBlank() ? null : Path.of(file), env);
  }

  /** Settings from {@code configFile} (may be null), then the environment variables, which win. */
  public static AirflowSettings load(Path configFile, Map<String, String> env) {
    Builder b = new Builder();
    if (configFile != null) {
      b.readYaml(configFile);
    }
    b.readEnvironment(env);
    return b.build();
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The user, or null when no credentials are configured (only health works then). */
  public String user() {
    return user;
  }

  String password() {
    return password;
  }

  public boolean hasCredentials() {
    return user != null;
  }

  public Path trustStore() {
    return trustStore;
  }

  String trustStorePassword() {
    return trustStorePassword;
  }

  public String trustStoreType() {
    return trustStoreType;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "AirflowSettings{url=" + baseUrl + ", user=" + (user == null ? "(none)" : user)
        + ", password=" + (password == null ? "(none)" : "****")
        + (trustStore == null ? "" : ", trustStore=" + trustStore) + "}";
  }

  /** Collects settings field by field, remembering where each came from for error messages. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private Path trustStore;
    private String trustStorePassword;
    private String trustStoreType;
    private Duration requestTimeout;
    private Path file;
    private final java.util.Map<String, String> origins = new java.util.HashMap<>();

    private Builder() {}

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    public Builder trustStore(Path trustStore, String password, String type) {
      this.trustStore = trustStore;
      this.trustStorePassword = password;
      this.trustStoreType = type;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public AirflowSettings build() {
      return new AirflowSettings(this);
    }

    private String origin(String field) {
      return origins.getOrDefault(field, "Airflow setting '" + field + "'");
    }

    private void readYaml(Path configFile) {
      this.file = configFile;
      JsonNode root;
      try {
        root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(configFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read Airflow settings " + configFile + ": " + e.getMessage(), e);
      }
      if (root == null || root.isNull() || root.isMissingNode()) {
        return;
      }
      if (!root.isObject()) {
        throw new IllegalArgumentException(configFile + ": expected a mapping of Airflow settings");
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!FIELDS.contains(field)) {
          throw new IllegalArgumentException(configFile + ": unknown field '" + field + "' (expected one of "
              + new java.util.TreeSet<>(FIELDS) + ")");
        }
        JsonNode value = root.get(field);
        if (!value.isValueNode() || value.isNull()) {
          throw new IllegalArgumentException(configFile + ": field '" + field + "' expects a single value");
        }
        set(field, value.asText(), configFile + ": field '" + field + "'");
      }
    }

    private void readEnvironment(Map<String, String> env) {
      for (String field : FIELDS) {
        String name = "JINGZHUN_AIRFLOW_" + (field.equals("request_timeout_seconds")
            ? "REQUEST_TIMEOUT" : field.toUpperCase(java.util.Locale.ROOT));
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
          set(field, value, "environment variable " + name);
        }
      }
    }

    private void set(String field, String value, String origin) {
      origins.put(field.startsWith("password") ? "password" : field, origin);
      switch (field) {
        case "url" -> url = value;
        case "user" -> user = value.strip();
        case "password" -> password = value;
        case "password_file" -> password = readSecretFile(value, origin);
        case "trust_store" -> trustStore = resolve(value);
        case "trust_store_password" -> trustStorePassword = value;
        case "trust_store_type" -> trustStoreType = value.strip();
        case "request_timeout_seconds" -> {
          try {
            long seconds = Long.parseLong(value.strip());
            if (seconds <= 0) {
              throw new NumberFormatException();
            }
            requestTimeout = Duration.ofSeconds(seconds);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": expected a positive number of seconds, got '"
                + value + "'");
          }
        }
        default -> throw new IllegalStateException("unhandled Airflow setting " + field);
      }
    }

    private Path resolve(String value) {
      Path p = Path.of(value.strip());
      return file != null && !p.isAbsolute() && file.getParent() != null ? file.getParent().resolve(p) : p;
    }

    private String readSecretFile(String value, String origin) {
      Path p = resolve(value);
      try {
        String content = Files.readString(p, StandardCharsets.UTF_8);
        String firstLine = content.lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
          throw new IllegalArgumentException(origin + ": password file " + p + " is empty");
        }
        return firstLine;
      } catch (IOException e) {
        throw new IllegalArgumentException(origin + ": cannot read password file " + p, e);
      }
    }
  }
}
