package io.jingzhun.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.ProjectFiles;
import io.jingzhun.index.IndicatorSpec.Bands;
import io.jingzhun.index.IndicatorSpec.Indicator;
import io.jingzhun.index.IndicatorSpec.MissingPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates an indicator spec (format in {@code conf/indicators/README.md}). Every error
 * names the file and the field, e.g. {@code global-mpi.yaml: indicators[3].weight: expected ...}.
 */
public final class IndicatorSpecReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_FIELDS = Set.of(
      "name", "description", "unit", "id", "weight", "strata", "psu", "k", "missing", "bands", "indicators");
  private static final Set<String> INDICATOR_FIELDS = Set.of(
      "name", "description", "dimension", "column", "deprived_below", "deprived_if", "weight");
  private static final String NAME = "[A-Za-z][A-Za-z0-9_]*";

  private IndicatorSpecReader() {}

  /** A project spec by name or relative path: {@code china-2020} or {@code conf/indicators/china-2020.yaml}. */
  public static IndicatorSpec project(String nameOrPath) {
    String path = nameOrPath.contains("/") ? nameOrPath : "conf/indicators/" + nameOrPath
        + (nameOrPath.endsWith(".yaml") ? "" : ".yaml");
    return parse(ProjectFiles.read(path), path);
  }

  /** A spec at a Hadoop URI or local path. */
  public static IndicatorSpec read(HadoopFiles files, String uri) {
    return parse(files.readString(uri), uri);
  }

  /** Parses spec text; {@code source} names it in errors. */
  public static IndicatorSpec parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    Fields f = new Fields(source);
    f.check(root != null && root.isObject(), "", "expected a mapping with name, unit, id, k and indicators");
    f.unknown(root, "", TOP_FIELDS);

    String name = f.text(root, "name", true);
    String unit = f.text(root, "unit", true);
    String id = f.column(root, "id", true);
    String weight = f.column(root, "weight", false);
    String strata = f.column(root, "strata", false);
    String psu = f.column(root, "psu", false);

    JsonNode kNode = root.get("k");
    f.check(kNode != null && !kNode.isNull(), "k", "expected one or more poverty cutoffs, e.g. [0.5] or [1/3]");
    List<Double> k = new ArrayList<>();
    if (kNode.isArray()) {
      f.check(kNode.size() > 0, "k", "expected at least one cutoff");
      for (int i = 0; i < kNode.size(); i++) {
        k.add(f.share(kNode.get(i), "k[" + i + "]", true));
      }
    } else {
      k.add(f.share(kNode, "k", true));
    }
    f.check(k.stream().distinct().count() == k.size(), "k", "expected distinct cutoffs, got " + k);
    k = k.stream().sorted().toList();

    MissingPolicy missing = MissingPolicy.EXCLUDE_UNIT;
    String missingText = f.text(root, "missing", false);
    if (missingText != null) {
      missing = switch (missingText) {
        case "deprived" -> MissingPolicy.DEPRIVED;
        case "not_deprived" -> MissingPolicy.NOT_DEPRIVED;
        case "exclude_unit", "exclude" -> MissingPolicy.EXCLUDE_UNIT;
        default -> throw f.error("missing", "expected deprived, not_deprived or exclude_unit, got '" + missingText + "'");
      };
    }

    Bands bands = Bands.NONE;
    JsonNode bandsNode = root.get("bands");
    if (bandsNode != null && !bandsNode.isNull()) {
      f.check(bandsNode.isObject(), "bands", "expected a mapping with vulnerable and/or severe");
      f.unknown(bandsNode, "bands.", Set.of("vulnerable", "severe"));
      Double vulnerable = bandsNode.hasNonNull("vulnerable") ? f.share(bandsNode.get("vulnerable"), "bands.vulnerable", false) : null;
      Double severe = bandsNode.hasNonNull("severe") ? f.share(bandsNode.get("severe"), "bands.severe", true) : null;
      if (vulnerable != null && severe != null) {
        f.check(vulnerable < severe, "bands", "expected vulnerable below severe");
      }
      bands = new Bands(vulnerable, severe);
    }

    JsonNode inds = root.get("indicators");
    f.check(inds != null && inds.isArray() && inds.size() > 0, "indicators", "expected a list of indicators");
    List<Indicator> indicators = new ArrayList<>();
    Set<String> names = new HashSet<>();
    double total = 0;
    for (int i = 0; i < inds.size(); i++) {
      JsonNode n = inds.get(i);
      String at = "indicators[" + i + "]";
      f.check(n.isObject(), at, "expected a mapping with name, weight and deprived_below or deprived_if");
      f.unknown(n, at + ".", INDICATOR_FIELDS);
      String iname = f.text(n, "name", true, at + ".name");
      f.check(iname.matches(NAME), at + ".name", "expected letters, digits and _ starting with a letter, got '" + iname + "'");
      f.check(names.add(iname), at + ".name", "duplicate indicator name '" + iname + "'");
      String dimension = f.text(n, "dimension", false, at + ".dimension");
      String column = f.text(n, "column", false, at + ".column");
      boolean hasBelow = n.hasNonNull("deprived_below");
      boolean hasIf = n.hasNonNull("deprived_if");
      f.check(hasBelow != hasIf, at, "expected exactly one of deprived_below (cardinal) or deprived_if (boolean)");
      String below = null;
      String cond = null;
      if (hasBelow) {
        f.check(column != null, at + ".column", "a cardinal indicator (deprived_below) needs the column it reads");
        JsonNode b = n.get("deprived_below");
        if (b.isNumber()) {
          f.check(b.asDouble() > 0, at + ".deprived_below", "expected a cutoff greater than 0, got " + b.asText());
          below = Double.toString(b.asDouble());
        } else {
          below = b.asText().strip();
          f.check(below.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}"), at + ".deprived_below",
              "expected a number or a parameter like ${income_line}, got '" + below + "'");
        }
      } else {
        f.check(column == null, at + ".column", "a boolean indicator (deprived_if) reads its columns from the condition; remove column");
        cond = n.get("deprived_if").asText().strip();
        f.check(!cond.isEmpty(), at + ".deprived_if", "expected a Spark SQL condition");
      }
      f.check(n.hasNonNull("weight"), at + ".weight", "expected a weight greater than 0");
      double w = f.fraction(n.get("weight"), at + ".weight");
      f.check(w > 0, at + ".weight", "expected a weight greater than 0, got " + n.get("weight").asText());
      total += w;
      indicators.add(new Indicator(iname, dimension, column, below, cond, w));
    }
    f.check(Math.abs(total - 1) <= IndicatorSpec.TOLERANCE, "indicators[*].weight",
        "expected weights summing to 1, they sum to " + total);
    return new IndicatorSpec(source, name, unit, id, weight, strata, psu, k, missing, bands, indicators);
  }

  /** Field readers whose errors name the file and the field. */
  private static final class Fields {
    private final String source;

    Fields(String source) {
      this.source = source;
    }

    IllegalArgumentException error(String field, String message) {
      return new IllegalArgumentException(source + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }

    void check(boolean ok, String field, String message) {
      if (!ok) {
        throw error(field, message);
      }
    }

    void unknown(JsonNode node, String prefix, Set<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        check(allowed.contains(key), prefix + key, "unknown field; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }

    String text(JsonNode node, String key, boolean required) {
      return text(node, key, required, key);
    }

    String text(JsonNode node, String key, boolean required, String field) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        check(!required, field, "required");
        return null;
      }
      check(v.isValueNode() && !v.asText().isBlank(), field, "expected text");
      return v.asText().strip();
    }

    String column(JsonNode node, String key, boolean required) {
      String v = text(node, key, required);
      check(v == null || !v.contains("`"), key, "expected a column name");
      return v;
    }

    /** A number or a fraction written {@code a/b}. */
    double fraction(JsonNode v, String field) {
      if (v.isNumber()) {
        return v.asDouble();
      }
      String t = v.asText().strip();
      try {
        int slash = t.indexOf('/');
        if (slash > 0) {
          double num = Double.parseDouble(t.substring(0, slash).strip());
          double den = Double.parseDouble(t.substring(slash + 1).strip());
          check(den != 0, field, "division by zero in '" + t + "'");
          return num / den;
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw error(field, "expected a number or a fraction like 1/3, got '" + t + "'");
      }
    }

    /** A share of the total weight in (0, 1] (or [0, 1] when zero is allowed). */
    double share(JsonNode v, String field, boolean positive) {
      double d = fraction(v, field);
      check((positive ? d > 0 : d >= 0) && d <= 1 + IndicatorSpec.TOLERANCE, field,
          "expected a share of the total weight in " + (positive ? "(0, 1]" : "[0, 1]") + ", got " + v.asText());
      return Math.min(d, 1.0);
    }
  }
}
