package io.jingzhun.index;

import static io.jingzhun.common.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Alkire–Foster indicator specification, as read from {@code conf/indicators/*.yaml} by
 * {@link IndicatorSpecReader}. Immutable. Cutoffs may name parameters ({@code ${income_line}}) that
 * the caller supplies; {@link #resolve(Map)} returns the spec with every parameter replaced.
 *
 * @param source where the spec came from (file name), used in every error message
 * @param weight population or sampling weight column, or null (every unit counts 1)
 * @param strata survey strata column, or null (one stratum)
 * @param psu primary sampling unit column, or null (every unit is its own PSU)
 * @param k poverty cutoffs as shares of the total indicator weight, ascending
 */
public record IndicatorSpec(
    String source,
    String name,
    String unit,
    String id,
    String weight,
    String strata,
    String psu,
    List<Double> k,
    MissingPolicy missing,
    Bands bands,
    List<Indicator> indicators) {

  /** Scores are sums of weights such as 1/3 + 1/6: compare them with the cutoffs with this slack. */
  public static final double TOLERANCE = 1e-9;

  private static final Pattern PARAM = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  public IndicatorSpec {
    k = List.copyOf(k);
    indicators = List.copyOf(indicators);
  }

  /** What to do with a unit whose indicator value is missing (null). */
  public enum MissingPolicy {
    /** Count the unit as deprived in that indicator (normalised gap 1). */
    DEPRIVED,
    /** Count the unit as not deprived in that indicator. */
    NOT_DEPRIVED,
    /** Leave the unit out of every measure; the number left out is reported. */
    EXCLUDE_UNIT;

    public String code() {
      return name().toLowerCase();
    }
  }

  /**
   * Band cutoffs besides k: a non-poor unit with score at or above {@code vulnerable} is vulnerable; a
   * poor unit with score at or above {@code severe} is severely poor. Either may be null (no band).
   */
  public record Bands(Double vulnerable, Double severe) {
    public static final Bands NONE = new Bands(null, null);
  }

  /**
   * One indicator: cardinal ({@code column} + {@code deprivedBelow}, a number or {@code ${param}}) or
   * boolean ({@code deprivedIf}, a Spark SQL condition over the row).
   */
  public record Indicator(
      String name, String dimension, String column, String deprivedBelow, String deprivedIf, double weight) {

    public boolean cardinal() {
      return deprivedIf == null;
    }

    /** The numeric cutoff of a cardinal indicator (after {@link IndicatorSpec#resolve}). */
    public double cutoff() {
      checkArgument(cardinal(), "indicator %s is not cardinal", name);
      return Double.parseDouble(deprivedBelow);
    }

    /** The dimension label, or the indicator name when the spec gives none. */
    public String dimensionOrName() {
      return dimension == null ? name : dimension;
    }
  }

  public Optional<String> weightColumn() {
    return Optional.ofNullable(weight);
  }

  /** The same spec with other k values (e.g. from the command line). */
  public IndicatorSpec withK(List<Double> newK) {
    checkArgument(newK != null && !newK.isEmpty(), "%s: expected at least one k", source);
    List<Double> sorted = new ArrayList<>(newK);
    for (Double v : sorted) {
      checkArgument(v != null && v > 0 && v <= 1 + TOLERANCE, "%s: k must be in (0, 1], got %s", source, v);
    }
    sorted = sorted.stream().distinct().sorted().toList();
    return new IndicatorSpec(source, name, unit, id, weight, strata, psu, sorted, missing, bands, indicators);
  }

  /** The same spec with other survey design columns (null keeps the spec's own). */
  public IndicatorSpec withDesign(String newWeight, String newStrata, String newPsu) {
    return new IndicatorSpec(source, name, unit, id,
        newWeight != null ? newWeight : weight, newStrata != null ? newStrata : strata,
        newPsu != null ? newPsu : psu, k, missing, bands, indicators);
  }

  /** Names of parameters ({@code ${name}}) the spec refers to. */
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (Indicator ind : indicators) {
      for (String text : new String[] {ind.deprivedBelow(), ind.deprivedIf()}) {
        if (text != null) {
          Matcher m = PARAM.matcher(text);
          while (m.find()) {
            if (!names.contains(m.group(1))) {
              names.add(m.group(1));
            }
          }
        }
      }
    }
    return names;
  }

  /**
   * Replaces every {@code ${name}} with its value. A cardinal cutoff must then be a number greater
   * than zero (the normalised gap divides by it).
   */
  public IndicatorSpec resolve(Map<String, ?> params) {
    List<Indicator> resolved = new ArrayList<>();
    for (int i = 0; i < indicators.size(); i++) {
      Indicator ind = indicators.get(i);
      String field = "indicators[" + i + "] (" + ind.name() + ")";
      String below = substitute(ind.deprivedBelow(), params, field + ".deprived_below");
      String cond = substitute(ind.deprivedIf(), params, field + ".deprived_if");
      if (below != null) {
        double z;
        try {
          z = Double.parseDouble(below.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(String.format(
              "%s: %s.deprived_below: expected a number, got '%s'", source, field, below));
        }
        checkArgument(z > 0 && Double.isFinite(z),
            "%s: %s.deprived_below: expected a cutoff greater than 0, got %s", source, field, below);
        below = Double.toString(z);
      }
      resolved.add(new Indicator(ind.name(), ind.dimension(), ind.column(), below, cond, ind.weight()));
    }
    return new IndicatorSpec(source, name, unit, id, weight, strata, psu, k, missing, bands, resolved);
  }

  private String substitute(String text, Map<String, ?> params, String field) {
    if (text == null) {
      return null;
    }
    Matcher m = PARAM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = params == null ? null : params.get(m.group(1));
      checkArgument(value != null,
          "%s: %s refers to parameter ${%s}, which was not supplied (pass --param %s=VALUE%s)",
          source, field, m.group(1), m.group(1),
          m.group(1).equals("income_line") ? " or --year YEAR" : "");
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every column the spec reads directly (id, design, cardinal columns); conditions are checked by Spark. */
  public List<String> namedColumns() {
    List<String> cols = new ArrayList<>();
    cols.add(id);
    for (String c : new String[] {weight, strata, psu}) {
      if (c != null) {
        cols.add(c);
      }
    }
    for (Indicator ind : indicators) {
      if (ind.cardinal() && !cols.contains(ind.column())) {
        cols.add(ind.column());
      }
    }
    return cols;
  }

  /** Dimension labels in the order they first appear. */
  public List<String> dimensions() {
    List<String> dims = new ArrayList<>();
    for (Indicator ind : indicators) {
      if (!dims.contains(ind.dimensionOrName())) {
        dims.add(ind.dimensionOrName());
      }
    }
    return dims;
  }
}
