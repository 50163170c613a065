package io.jingzhun.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.ProjectFiles;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * China's rural poverty (income) line per assessment year, from {@code conf/income-lines.yaml}, so a
 * spec can say {@code deprived_below: ${income_line}} and the caller supplies the year's value.
 */
public final class IncomeLines {
  public static final String FILE = "conf/income-lines.yaml";
  /** The parameter name specs use. */
  public static final String PARAMETER = "income_line";

  private final String source;
  private final Map<Integer, Double> lines;

  private IncomeLines(String source, Map<Integer, Double> lines) {
    this.source = source;
    this.lines = lines;
  }

  /** The project's file. */
  public static IncomeLines load() {
    return parse(ProjectFiles.read(FILE), FILE);
  }

  static IncomeLines parse(String yaml, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    JsonNode ls = root == null ? null : root.get("lines");
    if (ls == null || !ls.isObject() || ls.isEmpty()) {
      throw new IllegalArgumentException(source + ": lines: expected a mapping of year to {line: yuan}");
    }
    Map<Integer, Double> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = ls.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "lines." + e.getKey();
      int year;
      try {
        year = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(source + ": " + field + ": expected a year");
      }
      JsonNode line = e.getValue().isObject() ? e.getValue().get("line") : e.getValue();
      if (line == null || !line.isNumber() || line.asDouble() <= 0) {
        throw new IllegalArgumentException(source + ": " + field + ".line: expected yuan greater than 0");
      }
      out.put(year, line.asDouble());
    }
    return new IncomeLines(source, Map.copyOf(out));
  }

  /** The line of an assessment year; an error naming the file when the year is not there. */
  public double forYear(int year) {
    Double line = lines.get(year);
    if (line == null) {
      throw new IllegalArgumentException(String.format(
          "%s: no income line for %d (it has %s); add lines.%d", source, year, new TreeMap<>(lines).keySet(), year));
    }
    return line;
  }
}
