package io.jingzhun.common;

import static io.jingzhun.common.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment profile ({@code conf/profiles/<name>.yaml}): default landing and warehouse locations and
 * Spark settings. {@code ${VAR}} and {@code ${VAR:-default}} are read from the environment, so endpoints
 * and credentials never live in the repository. Local, S3 and cluster runs differ only here.
 */
public final class Profile {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  private static final Set<String> KEYS = Set.of("description", "landing", "warehouse", "spark");
  private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|access\\.key|token).*");

  private final String name;
  private final String landing;
  private final String warehouse;
  private final Map<String, String> spark;

  private Profile(String name, String landing, String warehouse, Map<String, String> spark) {
    this.name = name;
    this.landing = landing;
    this.warehouse = warehouse;
    this.spark = Map.copyOf(spark);
  }

  /** Loads {@code conf/profiles/<name>.yaml}, reading variables from the process environment. */
  public static Profile load(String name) {
    return load(name, System::getenv);
  }

  public static Profile load(String name, Function<String, String> environment) {
    checkArgument(name != null && name.matches("[a-z0-9_-]+"),
        "expected a profile name such as local, s3 or cluster, got '%s'", name);
    String file = "conf/profiles/" + name + ".yaml";
    checkArgument(ProjectFiles.exists(file), "unknown profile '%s': %s not found", name, file);
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(ProjectFiles.read(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    checkArgument(root != null && root.isObject(), "%s: expected a mapping at the top level", file);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      checkArgument(KEYS.contains(key), "%s: unknown key '%s' (expected one of %s)", file, key, KEYS);
    }
    Map<String, String> spark = new LinkedHashMap<>();
    Set<String> missing = new java.util.TreeSet<>();
    JsonNode sparkNode = root.path("spark");
    if (!sparkNode.isMissingNode()) {
      checkArgument(sparkNode.isObject(), "%s: 'spark' must be a mapping of Spark settings", file);
      for (Iterator<Map.Entry<String, JsonNode>> it = sparkNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        checkArgument(e.getKey().startsWith("spark."),
            "%s: spark.%s: Spark settings start with 'spark.'", file, e.getKey());
        checkArgument(e.getValue().isValueNode(), "%s: spark: '%s' must be a single value", file, e.getKey());
        spark.put(e.getKey(), substitute(e.getValue().asText(), environment, missing));
      }
    }
    String landing = substitute(text(root, "landing", file), environment, missing);
    String warehouse = substitute(text(root, "warehouse", file), environment, missing);
    checkArgument(missing.isEmpty(),
        "%s: profile '%s' needs the environment variable(s) %s, which are not set",
        file, name, String.join(", ", missing));
    return new Profile(name, landing, warehouse, spark);
  }

  private static String text(JsonNode root, String key, String file) {
    JsonNode n = root.path(key);
    checkArgument(n.isTextual() && !n.asText().isBlank(), "%s: '%s' must be a location", file, key);
    return n.asText();
  }

  static String substitute(String value, Function<String, String> environment, Set<String> missing) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = environment.apply(m.group(1));
      if (v == null || v.isEmpty()) {
        v = m.group(3);
      }
      if (v == null) {
        missing.add(m.group(1));
        v = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  public String name() {
    return name;
  }

  public String landing() {
    return landing;
  }

  public String warehouse() {
    return warehouse;
  }

  /** Spark settings to apply, after substitution. */
  public Map<String, String> spark() {
    return spark;
  }

  /** The settings with credentials masked, safe to print or log. */
  public Map<String, String> describe() {
    Map<String, String> shown = new LinkedHashMap<>();
    spark.forEach((k, v) -> shown.put(k, SECRET.matcher(k).matches() ? "****" : v));
    return shown;
  }

  @Override
  public String toString() {
    return "Profile{" + name + ", landing=" + landing + ", warehouse=" + warehouse + "}";
  }
}
