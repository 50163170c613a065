package io.jingzhun.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of one extract as its contract ({@code schemas/extracts/<table>.json}) lists them: the
 * generator writes exactly these, in this order, so its files satisfy the contract by construction.
 */
final class TableLayout {
  final String table;
  final List<String> names;
  final List<String> labels;
  final List<String> types;
  private final Map<String, Integer> positions = new HashMap<>();

  private TableLayout(String table, List<String> names, List<String> labels, List<String> types) {
    this.table = table;
    this.names = List.copyOf(names);
    this.labels = List.copyOf(labels);
    this.types = List.copyOf(types);
    for (int i = 0; i < names.size(); i++) {
      positions.put(names.get(i), i);
    }
  }

  static TableLayout load(String table) {
    String file = "schemas/extracts/" + table + ".json";
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(ProjectFiles.read(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode columns = root.get("columns");
    if (columns == null || !columns.isArray() || columns.isEmpty()) {
      throw new IllegalArgumentException(file + ": expected a non-empty 'columns' list");
    }
    List<String> names = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (JsonNode c : columns) {
      if (!c.hasNonNull("name") || !c.hasNonNull("type")) {
        throw new IllegalArgumentException(file + ": every column needs 'name' and 'type'");
      }
      names.add(c.get("name").asText());
      labels.add(c.hasNonNull("label_zh") ? c.get("label_zh").asText() : c.get("name").asText());
      types.add(c.get("type").asText());
    }
    return new TableLayout(table, names, labels, types);
  }

  int position(String column) {
    Integer p = positions.get(column);
    if (p == null) {
      throw new IllegalArgumentException("table " + table + " has no column '" + column + "'");
    }
    return p;
  }

  Row row() {
    return new Row(this);
  }

  /** One row being built: values by column name, null for an empty cell. */
  static final class Row {
    final TableLayout layout;
    final String[] values;

    Row(TableLayout layout) {
      this.layout = layout;
      this.values = new String[layout.names.size()];
    }

    Row set(String column, Object value) {
      values[layout.position(column)] = value == null ? null : value.toString();
      return this;
    }

    String get(String column) {
      return values[layout.position(column)];
    }

    Row copy() {
      Row r = new Row(layout);
      System.arraycopy(values, 0, r.values, 0, values.length);
      return r;
    }
  }
}
