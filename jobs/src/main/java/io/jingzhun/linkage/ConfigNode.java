package io.jingzhun.linkage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of one YAML node that knows where it sits ({@code file: a.b[2].c}), so every
 * validation error names the file and the field an analyst has to fix. Shared by the linkage and
 * findings configuration loaders.
 */
public final class ConfigNode {
  private final String file;
  private final String path;
  private final JsonNode node;

  private ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** Parses YAML text; {@code file} is only used in messages. */
  public static ConfigNode parse(String file, String yaml) {
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + ": expected a YAML mapping at the top level");
      }
      return new ConfigNode(file, "", root);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  public String where() {
    return file + ": " + (path.isEmpty() ? "(top level)" : path);
  }

  public String where(String field) {
    return file + ": " + child(field);
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** The keys of a mapping, in file order. */
  public List<String> fieldNames() {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** True for a list node. */
  public boolean isList(String field) {
    return node.has(field) && node.get(field).isArray();
  }

  public boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  public ConfigNode object(String field) {
    JsonNode n = node.get(field);
    if (n == null || !n.isObject()) {
      throw error(field, "expected a mapping");
    }
    return new ConfigNode(file, child(field), n);
  }

  public List<ConfigNode> list(String field) {
    JsonNode n = node.get(field);
    if (n == null || !n.isArray()) {
      throw error(field, "expected a list");
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(new ConfigNode(file, child(field) + "[" + i + "]", n.get(i)));
    }
    return out;
  }

  public List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    for (ConfigNode c : list(field)) {
      if (!c.node.isTextual() || c.node.asText().isBlank()) {
        throw new IllegalArgumentException(c.where() + ": expected a non-empty text");
      }
      out.add(c.node.asText().strip());
    }
    return out;
  }

  public String text(String field) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
      throw error(field, "expected a non-empty text");
    }
    return n.asText().strip();
  }

  public String text(String field, String defaultValue) {
    return has(field) ? text(field) : defaultValue;
  }

  public double number(String field, double min, double max) {
    JsonNode n = node.get(field);
    if (n == null || !n.isNumber()) {
      throw error(field, "expected a number between " + min + " and " + max);
    }
    double v = n.asDouble();
    if (v < min || v > max) {
      throw error(field, "expected a number between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  public int integer(String field, int min, int max) {
    JsonNode n = node.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw error(field, "expected a whole number between " + min + " and " + max);
    }
    int v = n.asInt();
    if (v < min || v > max) {
      throw error(field, "expected a whole number between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  public boolean bool(String field, boolean defaultValue) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isBoolean()) {
      throw error(field, "expected true or false");
    }
    return n.asBoolean();
  }

  public IllegalArgumentException error(String field, String message) {
    return new IllegalArgumentException(where(field) + ": " + message);
  }

  public IllegalArgumentException error(String message) {
    return new IllegalArgumentException(where() + ": " + message);
  }
}
