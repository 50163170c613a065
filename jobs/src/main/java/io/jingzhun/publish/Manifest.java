package io.jingzhun.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The commit record of one publish: every table of a run date and where its data is. Writing this
 * one small object is the commit; readers find tables only through it (docs/publishing.md).
 *
 * @param runDate the run date the tables describe
 * @param attempt the publish attempt that wrote them (part of every location)
 * @param sequence the commit number for this run date (1 for the first publish, +1 per re-run)
 * @param committedAt when it was committed
 * @param pseudonymKeyId fingerprint of the pseudonym key used, or null (runs with different keys
 *     do not join on pseudonyms)
 * @param tables table name → its entry, sorted by name
 */
public record Manifest(
    LocalDate runDate,
    String attempt,
    int sequence,
    Instant committedAt,
    String pseudonymKeyId,
    SortedMap<String, ManifestTable> tables) {
  public static final String FORMAT = "jingzhun-published-manifest/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Manifest {
    tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("run_date", runDate.toString());
    root.put("sequence", sequence);
    root.put("attempt", attempt);
    root.put("committed_at", committedAt.toString());
    root.put("pseudonym_key_id", pseudonymKeyId);
    ObjectNode ts = root.putObject("tables");
    for (Map.Entry<String, ManifestTable> e : tables.entrySet()) {
      ManifestTable t = e.getValue();
      ObjectNode n = ts.putObject(e.getKey());
      n.put("location", t.location());
      n.put("format", "parquet");
      n.put("rows", t.rows());
      n.put("schema_fingerprint", t.schemaFingerprint());
      n.put("content_checksum", t.contentChecksum());
      ArrayNode cols = n.putArray("columns");
      t.columns().forEach(cols::add);
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a manifest as JSON", e);
    }
  }

  /** Parses a manifest; an incomplete or foreign file is an {@link IllegalArgumentException}. */
  public static Manifest parse(String source, String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException(source + ": not a manifest (expected format " + FORMAT + ")");
      }
      SortedMap<String, ManifestTable> tables = new TreeMap<>();
      JsonNode ts = root.get("tables");
      for (Iterator<Map.Entry<String, JsonNode>> it = ts.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode n = e.getValue();
        List<String> cols = new ArrayList<>();
        n.get("columns").forEach(c -> cols.add(c.asText()));
        tables.put(e.getKey(), new ManifestTable(
            n.get("location").asText(),
            n.get("rows").asLong(),
            n.get("schema_fingerprint").asText(),
            n.get("content_checksum").asText(),
            cols));
      }
      JsonNode key = root.get("pseudonym_key_id");
      return new Manifest(
          LocalDate.parse(root.get("run_date").asText()),
          root.get("attempt").asText(),
          root.get("sequence").asInt(),
          Instant.parse(root.get("committed_at").asText()),
          key == null || key.isNull() ? null : key.asText(),
          tables);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(source)) {
        throw iae;
      }
      throw new IllegalArgumentException(source + ": not a complete manifest: " + e.getMessage(), e);
    }
  }
}
