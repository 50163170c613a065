package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code summary.json} of an index run: spec, parameters, totals and one result per k × subgroup
 * with its indicators and dimensions ({@code by} null for the whole population, else column → value),
 * robustness of rankings and, for several rounds, changes. Built from the aggregate tables only.
 */
public final class SummaryJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> SE = List.of("H", "A", "M0");

  private SummaryJson() {}

  /** One round's result with its label (null when there is a single round). */
  public record Round(String label, MpiResult result) {}

  public static String of(MpiResult result) {
    return of(List.of(new Round(null, result)), null);
  }

  /** Summary of one or more rounds; {@code changes} may be null. */
  public static String of(List<Round> rounds, Dataset<Row> changes) {
    MpiResult first = rounds.get(0).result();
    IndicatorSpec spec = first.spec();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("spec", spec.name());
    out.put("spec_file", spec.source());
    out.put("unit", spec.unit());
    out.put("weight", spec.weight());
    out.put("design", design(spec));
    out.put("params", first.params());
    out.put("k", spec.k());
    out.put("missing", spec.missing().code());
    List<Object> results = new ArrayList<>();
    List<Object> robustness = new ArrayList<>();
    List<Object> roundTotals = new ArrayList<>();
    for (Round round : rounds) {
      MpiResult r = round.result();
      List<String> groupCols = groupColumns(r);
      Map<String, List<Map<String, Object>>> inds = byKey(r.indicators(), groupCols);
      Map<String, List<Map<String, Object>>> dims = byKey(r.dimensions(), groupCols);
      long n = -1;
      long excluded = 0;
      for (Row m : r.measures().collectAsList()) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (round.label() != null) {
          e.put("round", round.label());
        }
        e.put("k", m.getDouble(m.fieldIndex("k")));
        e.put("by", by(m, groupCols));
        for (String f : List.of("n", "excluded", "q", "population", "poor_population", "H", "A", "M0", "M1", "M2",
            "vulnerable", "severe")) {
          e.put(f, value(m, f));
        }
        Map<String, Object> se = new LinkedHashMap<>();
        Map<String, Object> ci = new LinkedHashMap<>();
        for (String s : SE) {
          se.put(s, value(m, "se_" + s));
          ci.put(s, Arrays.asList(nullable(value(m, "ci_" + s + "_low")), nullable(value(m, "ci_" + s + "_high"))));
        }
        e.put("se", se);
        e.put("ci95", ci);
        e.put("df", value(m, "df"));
        e.put("population_share", value(m, "population_share"));
        e.put("contribution", value(m, "contribution"));
        String key = key(m, groupCols);
        e.put("indicators", inds.getOrDefault(key, List.of()));
        e.put("dimensions", dims.getOrDefault(key, List.of()));
        results.add(e);
        if (m.isNullAt(m.fieldIndex("grouping")) && n < 0) {
          n = m.getLong(m.fieldIndex("n"));
          excluded = m.getLong(m.fieldIndex("excluded"));
        }
      }
      Map<String, Object> totals = new LinkedHashMap<>();
      if (round.label() != null) {
        totals.put("round", round.label());
      }
      totals.put("n", n);
      totals.put("excluded", excluded);
      roundTotals.add(totals);
      for (Robustness.Comparison c : Robustness.rankings(r)) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (round.label() != null) {
          e.put("round", round.label());
        }
        e.put("grouping", c.grouping());
        e.put("measure", c.measure());
        e.put("k", List.of(c.kA(), c.kB()));
        e.put("groups", c.groups());
        e.put("kendall_tau_b", nullable(c.tauB()));
        robustness.add(e);
      }
    }
    if (rounds.size() == 1) {
      out.putAll(((Map<String, Object>) roundTotals.get(0)));
    } else {
      out.put("rounds", roundTotals);
    }
    out.put("results", results);
    out.put("robustness", robustness);
    if (changes != null) {
      List<Object> ch = new ArrayList<>();
      List<String> groupCols = groupColumns(first);
      for (Row row : changes.collectAsList()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("k", row.getDouble(row.fieldIndex("k")));
        e.put("by", by(row, groupCols));
        for (String f : row.schema().fieldNames()) {
          if (!f.equals("k") && !f.equals("grouping") && !groupCols.contains(f)) {
            e.put(f, value(row, f));
          }
        }
        ch.add(e);
      }
      out.put("changes", ch);
    }
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write summary.json", e);
    }
  }

  private static Map<String, Object> design(IndicatorSpec spec) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("weight", spec.weight());
    d.put("strata", spec.strata());
    d.put("psu", spec.psu());
    d.put("se", spec.weight() == null && spec.strata() == null && spec.psu() == null ? "simple" : "design-based");
    return d;
  }

  static List<String> groupColumns(MpiResult r) {
    List<String> cols = new ArrayList<>();
    for (List<String> g : r.groupings()) {
      for (String c : g) {
        if (!cols.contains(c)) {
          cols.add(c);
        }
      }
    }
    return cols;
  }

  private static Map<String, List<Map<String, Object>>> byKey(Dataset<Row> table, List<String> groupCols) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (Row row : table.collectAsList()) {
      Map<String, Object> e = new LinkedHashMap<>();
      for (String f : row.schema().fieldNames()) {
        if (!f.equals("k") && !f.equals("grouping") && !groupCols.contains(f)) {
          e.put(f.equals("indicator") || f.equals("dimension") && !e.containsKey("name") ? "name" : f, value(row, f));
        }
      }
      out.computeIfAbsent(key(row, groupCols), x -> new ArrayList<>()).add(e);
    }
    return out;
  }

  private static String key(Row row, List<String> groupCols) {
    StringBuilder key = new StringBuilder(String.valueOf(row.getDouble(row.fieldIndex("k"))));
    key.append('\u0001').append(row.getString(row.fieldIndex("grouping")));
    for (String g : groupCols) {
      key.append('\u0001').append(String.valueOf(row.get(row.fieldIndex(g))));
    }
    return key.toString();
  }

  private static Map<String, Object> by(Row row, List<String> groupCols) {
    String grouping = row.getString(row.fieldIndex("grouping"));
    if (grouping == null) {
      return null;
    }
    Map<String, Object> by = new LinkedHashMap<>();
    for (String c : grouping.split(",")) {
      by.put(c, row.get(row.fieldIndex(c)));
    }
    return by;
  }

  private static Object value(Row row, String field) {
    Object v = row.get(row.fieldIndex(field));
    return v instanceof Double d ? nullable(d) : v;
  }

  private static Object nullable(Object v) {
    return v instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : v;
  }
}
