package io.jingzhun.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the quality rules need from an extract contract ({@code schemas/extracts/<table>.json}): each
 * staged column's type, whether it is personal, and the canonical codes. Read from the same files as
 * ingestion, so codes never have a second copy.
 */
final class ContractColumns {
  /** One contract column. {@code codes} is empty unless the type is code or code_list. */
  record Column(String name, String type, boolean personal, List<String> codes) {}

  private final String table;
  private final Map<String, Column> columns;

  private ContractColumns(String table, Map<String, Column> columns) {
    this.table = table;
    this.columns = columns;
  }

  /** The contract of a staged table, or empty when there is none (output tables). */
  static Optional<ContractColumns> of(String table) {
    String path = "schemas/extracts/" + table + ".json";
    if (!ProjectFiles.exists(path)) {
      return Optional.empty();
    }
    try {
      JsonNode root = new ObjectMapper().readTree(ProjectFiles.read(path));
      Map<String, Column> cols = new LinkedHashMap<>();
      for (JsonNode c : root.path("columns")) {
        List<String> codes = new ArrayList<>();
        c.path("values").fieldNames().forEachRemaining(codes::add);
        cols.put(
            c.path("name").asText(),
            new Column(c.path("name").asText(), c.path("type").asText(), c.path("personal").asBoolean(false),
                List.copyOf(codes)));
      }
      return Optional.of(new ContractColumns(table, cols));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse contract " + path, e);
    }
  }

  String table() {
    return table;
  }

  Optional<Column> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  /**
   * Whether a staged column exists for this contract: the contract's own columns, the derived
   * {@code _normalised}/{@code _issue} columns of IDs and names, and the lineage columns.
   */
  boolean hasStagedColumn(String name) {
    if (columns.containsKey(name) || List.of("source_file", "source_line", "record_key").contains(name)) {
      return true;
    }
    for (Column c : columns.values()) {
      if (c.type().equals("resident_id")
          && (name.equals(c.name() + "_normalised") || name.equals(c.name() + "_issue"))) {
        return true;
      }
      if (c.type().equals("person_name") && name.equals(c.name() + "_normalised")) {
        return true;
      }
    }
    return false;
  }

  /** The staged column's masking kind: "id" for ID numbers, "name" for person names, else null. */
  String personalKind(String stagedColumn) {
    for (Column c : columns.values()) {
      if (!c.personal()) {
        continue;
      }
      boolean same = stagedColumn.equals(c.name()) || stagedColumn.equals(c.name() + "_normalised");
      if (same && c.type().equals("resident_id")) {
        return "id";
      }
      if (same) {
        return "name";
      }
    }
    return null;
  }
}
