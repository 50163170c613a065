package io.jingzhun.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.contract.ExtractContracts;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Analysts' settings for ingestion, from {@code conf/ingest.yaml} (optional: every setting has a
 * default). Validated on load; errors name the file and the field.
 *
 * <pre>
 * csv_encoding:          # per table: auto (detect), UTF-8 or GBK
 *   households: GBK
 * </pre>
 */
public final class IngestSettings {
  static final String FILE = "conf/ingest.yaml";
  private final Map<String, String> encodings;

  private IngestSettings(Map<String, String> encodings) {
    this.encodings = Map.copyOf(encodings);
  }

  /** Detect every encoding. */
  public static IngestSettings defaults() {
    return new IngestSettings(Map.of());
  }

  /** The settings in {@code conf/ingest.yaml}, or the defaults when there is no such file. */
  public static IngestSettings load() {
    return ProjectFiles.exists(FILE) ? parse(FILE, ProjectFiles.read(FILE)) : defaults();
  }

  static IngestSettings parse(String file, String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage());
    }
    Map<String, String> enc = new TreeMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return defaults();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a mapping with csv_encoding");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("csv_encoding")) {
        throw new IllegalArgumentException(file + ": " + e.getKey() + ": unknown setting; expected csv_encoding");
      }
      if (e.getValue().isNull()) {
        continue;
      }
      if (!e.getValue().isObject()) {
        throw new IllegalArgumentException(file + ": csv_encoding: expected a mapping of table → encoding");
      }
      for (Iterator<Map.Entry<String, JsonNode>> t = e.getValue().fields(); t.hasNext(); ) {
        Map.Entry<String, JsonNode> te = t.next();
        String where = file + ": csv_encoding." + te.getKey();
        if (!ExtractContracts.tables().contains(te.getKey())) {
          throw new IllegalArgumentException(where + ": no such table; expected one of " + ExtractContracts.tables());
        }
        String v = te.getValue().asText("").trim();
        if (!v.equalsIgnoreCase("auto") && TextEncoding.named(v) == null) {
          throw new IllegalArgumentException(where + ": expected auto, UTF-8 or GBK, got '" + v + "'");
        }
        if (!v.equalsIgnoreCase("auto")) {
          enc.put(te.getKey(), v);
        }
      }
    }
    return new IngestSettings(enc);
  }

  /** Settings that read a table's text files in a fixed encoding (UTF-8 or GBK). */
  public IngestSettings withEncoding(String table, String encoding) {
    if (TextEncoding.named(encoding) == null) {
      throw new IllegalArgumentException("expected UTF-8 or GBK, got '" + encoding + "'");
    }
    Map<String, String> m = new TreeMap<>(encodings);
    m.put(table, encoding);
    return new IngestSettings(m);
  }

  /** The configured encoding of a table's text files, or null to detect it. */
  TextEncoding encoding(String table) {
    String e = encodings.get(table);
    return e == null ? null : TextEncoding.named(e);
  }
}
