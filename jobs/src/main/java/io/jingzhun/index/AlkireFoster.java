package io.jingzhun.index;

import static io.jingzhun.common.Preconditions.checkArgument;
import static io.jingzhun.index.FixedPointSums.hi;
import static io.jingzhun.index.FixedPointSums.hiPart;
import static io.jingzhun.index.FixedPointSums.lo;
import static io.jingzhun.index.FixedPointSums.loPart;
import static io.jingzhun.index.FixedPointSums.value;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.jingzhun.index.IndicatorSpec.Indicator;
import io.jingzhun.index.IndicatorSpec.MissingPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;

/**
 * The Alkire–Foster engine (REFERENCE §1): per-unit deprivation scores and, per k and subgroup, the
 * adjusted headcount ratio M0 = H·A, M1, M2, censored and uncensored headcounts, contributions, with
 * design-based standard errors (Taylor linearisation of ratio estimators, as Stata {@code svy} and
 * mpitb do). Everything runs as Spark aggregations: one scan of the units for all subgroups and k
 * (GROUPING SETS), the rest on aggregates. Sums are fixed-point ({@link FixedPointSums}) so results do
 * not depend on partitioning.
 *
 * <p>Standard errors. For a ratio R = Σw·y / Σw·x over a subgroup, the linearised value of PSU i in
 * stratum h is z_hi = Σ_j∈(h,i,subgroup) w_j (y_j − R·x_j) / Σw·x, and
 * Var(R) = Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)², with n_h the PSUs of stratum h in the whole sample
 * (subpopulation estimation: PSUs without subgroup members count with z = 0). H: y = poor, x = 1;
 * M0: y = censored score, x = 1; A: y = censored score, x = poor. Without a PSU column every unit is
 * its own PSU; without strata there is one stratum; without weights w = 1, which gives the textbook
 * s/√n. A stratum with a single PSU adds nothing (it has no within-stratum variation to measure).
 * Confidence intervals use Student's t with (PSUs − strata) degrees of freedom, as Stata does.
 */
public final class AlkireFoster {
  private AlkireFoster() {}

  /**
   * Computes every measure for every k of the spec, for the whole population and each grouping.
   *
   * @param units one row per unit (person or household) with the columns the spec names
   * @param spec the indicator spec (parameters may still be unresolved)
   * @param params values for the spec's {@code ${name}} parameters
   * @param groupings subgroup column lists, e.g. {@code [[county], [county, township]]}; may be empty
   */
  public static MpiResult compute(
      Dataset<Row> units, IndicatorSpec spec, Map<String, ?> params, List<List<String>> groupings) {
    IndicatorSpec resolved = spec.resolve(params);
    List<List<String>> sets = distinctGroupings(groupings);
    List<String> groupCols = new ArrayList<>(new LinkedHashSet<>(sets.stream().flatMap(List::stream).toList()));
    Dataset<Row> input = InputChecks.prepare(units, resolved, groupCols);
    Layout layout = new Layout(resolved, groupCols, sets);
    Dataset<Row> scored = score(input, resolved, layout);
    Dataset<Row> wide = aggregate(scored, layout);
    Dataset<Row> measures = measures(wide, layout);
    return new MpiResult(
        resolved, params == null ? Map.of() : Map.copyOf(params), sets,
        publicUnits(scored, layout), measures, indicators(wide, layout, measures), dimensions(wide, layout, measures));
  }

  /** The column suffix for cutoff k in the units table: 0.5 → {@code k0_5}, 1/3 → {@code k0_3333}. */
  public static String kLabel(double k) {
    String s = new BigDecimal(k).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return "k" + s.replace('.', '_');
  }

  private static List<List<String>> distinctGroupings(List<List<String>> groupings) {
    List<List<String>> out = new ArrayList<>();
    List<Set<String>> seen = new ArrayList<>();
    for (List<String> g : groupings == null ? List.<List<String>>of() : groupings) {
      if (g == null || g.isEmpty()) {
        continue;
      }
      Set<String> s = new LinkedHashSet<>(g);
      checkArgument(s.size() == g.size(), "grouping %s names a column twice", g);
      if (!seen.contains(s)) {
        seen.add(s);
        out.add(List.copyOf(g));
      }
    }
    return out;
  }

  /** Names and positions shared by the stages. */
  static final class Layout {
    final IndicatorSpec spec;
    final List<Double> k;
    final List<Indicator> ind;
    final List<String> groupCols;
    final List<List<String>> groupings;
    final boolean hasPsu;
    /** GROUPING SETS columns: _grp0.._grpm, _s, [_p]. */
    final List<String> setColumns = new ArrayList<>();
    final long populationGid;
    final long[] groupingGids;

    Layout(IndicatorSpec spec, List<String> groupCols, List<List<String>> groupings) {
      this.spec = spec;
      this.k = spec.k();
      this.ind = spec.indicators();
      this.groupCols = groupCols;
      this.groupings = groupings;
      this.hasPsu = spec.psu() != null;
      for (int m = 0; m < groupCols.size(); m++) {
        setColumns.add(g(m));
      }
      setColumns.add("_s");
      if (hasPsu) {
        setColumns.add("_p");
      }
      populationGid = gid(List.of());
      groupingGids = new long[groupings.size()];
      for (int i = 0; i < groupings.size(); i++) {
        groupingGids[i] = gid(groupings.get(i));
      }
    }

    static String g(int m) {
      return "_grp" + m; // not "_g": the normalised gaps are _g1 and _g2
    }

    /** Spark's grouping_id(): bit set for every GROUP BY column not in the set, first column highest. */
    long gid(List<String> grouping) {
      long id = 0;
      int total = setColumns.size();
      for (int m = 0; m < groupCols.size(); m++) {
        if (!grouping.contains(groupCols.get(m))) {
          id |= 1L << (total - 1 - m);
        }
      }
      return id;
    }

    List<String> setOf(List<String> grouping) {
      List<String> s = new ArrayList<>();
      for (String c : grouping) {
        s.add(g(groupCols.indexOf(c)));
      }
      s.add("_s");
      if (hasPsu) {
        s.add("_p");
      }
      return s;
    }

    /** The grouping label column: null for the whole population, else "col1,col2". */
    Column groupingLabel() {
      Column label = lit(null).cast("string");
      for (int i = groupings.size() - 1; i >= 0; i--) {
        label = when(col("gid").equalTo(groupingGids[i]), lit(String.join(",", groupings.get(i)))).otherwise(label);
      }
      return label;
    }

    /** The order of a grouping (0 population, 1.. the caller's order), for sorting outputs. */
    Column groupingOrder() {
      Column order = lit(0);
      for (int i = groupings.size() - 1; i >= 0; i--) {
        order = when(col("gid").equalTo(groupingGids[i]), lit(i + 1)).otherwise(order);
      }
      return order;
    }

    /** Key columns of an output row: grouping label and the group values under their own names. */
    List<Column> keyColumns() {
      List<Column> cols = new ArrayList<>();
      cols.add(groupingLabel().as("grouping"));
      for (int m = 0; m < groupCols.size(); m++) {
        cols.add(col(g(m)).as(groupCols.get(m)));
      }
      return cols;
    }
  }

  static Column q(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  // ---- per unit ------------------------------------------------------------------------------

  private static Dataset<Row> score(Dataset<Row> input, IndicatorSpec spec, Layout layout) {
    List<Column> base = new ArrayList<>();
    base.add(q(spec.id()).as("_id"));
    for (int m = 0; m < layout.groupCols.size(); m++) {
      base.add(q(layout.groupCols.get(m)).cast("string").as(Layout.g(m)));
    }
    base.add(spec.strata() == null ? lit("").as("_s") : q(spec.strata()).cast("string").as("_s"));
    if (layout.hasPsu) {
      base.add(q(spec.psu()).cast("string").as("_p"));
    }
    base.add(spec.weight() == null ? lit(1.0).as("_w") : q(spec.weight()).as("_w"));
    for (int j = 0; j < layout.ind.size(); j++) {
      Indicator ind = layout.ind.get(j);
      Column deprived;
      Column gap;
      if (ind.cardinal()) {
        Column x = q(ind.column());
        double z = ind.cutoff();
        deprived = x.lt(z);
        // Normalised gap (z − x)/z; a negative income counts as a full gap of 1.
        gap = when(x.isNull(), lit(null).cast("double"))
            .when(x.lt(z), least(lit(1.0), lit(z).minus(x).divide(z))).otherwise(0.0);
      } else {
        deprived = expr(ind.deprivedIf());
        gap = when(deprived.isNull(), lit(null).cast("double")).when(deprived, 1.0).otherwise(0.0);
      }
      MissingPolicy policy = spec.missing();
      if (policy == MissingPolicy.DEPRIVED) {
        deprived = coalesce(deprived, lit(true));
        gap = coalesce(gap, lit(1.0));
      } else if (policy == MissingPolicy.NOT_DEPRIVED) {
        deprived = coalesce(deprived, lit(false));
        gap = coalesce(gap, lit(0.0));
      }
      base.add(deprived.as("_d" + j));
      base.add(gap.as("_gap" + j));
    }
    Dataset<Row> raw = input.select(base.toArray(Column[]::new));

    List<Column> reasons = new ArrayList<>();
    for (int j = 0; j < layout.ind.size(); j++) {
      reasons.add(when(col("_d" + j).isNull(), lit("missing:" + layout.ind.get(j).name())));
    }
    if (spec.weight() != null) {
      reasons.add(when(col("_w").isNull().or(col("_w").isNaN()).or(col("_w").lt(0)), lit("bad_weight")));
    }
    Column reasonText = concat_ws(";", reasons.toArray(Column[]::new));
    Column reason = when(reasonText.equalTo(""), lit(null).cast("string")).otherwise(reasonText);

    Column score = lit(0.0);
    Column g1 = lit(0.0);
    Column g2 = lit(0.0);
    for (int j = 0; j < layout.ind.size(); j++) {
      double w = layout.ind.get(j).weight();
      score = score.plus(when(col("_d" + j), w).otherwise(0.0));
      g1 = g1.plus(col("_gap" + j).multiply(w));
      g2 = g2.plus(col("_gap" + j).multiply(col("_gap" + j)).multiply(w));
    }
    Column included = col("_reason").isNull();
    Dataset<Row> withScore = raw.withColumn("_reason", reason)
        .withColumn("_inc", when(included, 1).otherwise(0))
        .withColumn("_score", when(included, score))
        .withColumn("_g1", when(included, g1))
        .withColumn("_g2", when(included, g2));

    IndicatorSpec.Bands bands = spec.bands();
    List<Column> perK = new ArrayList<>();
    perK.add(col("*"));
    for (int i = 0; i < layout.k.size(); i++) {
      double k = layout.k.get(i);
      Column poor = col("_score").geq(k - IndicatorSpec.TOLERANCE);
      perK.add(poor.as("_poor" + i));
      perK.add(when(poor, col("_score")).otherwise(when(col("_score").isNotNull(), 0.0)).as("_cs" + i));
      Column band = when(col("_score").isNull(), lit(null).cast("string"));
      if (bands.severe() != null) {
        band = band.when(poor.and(col("_score").geq(bands.severe() - IndicatorSpec.TOLERANCE)), "severe");
      }
      band = band.when(poor, "poor");
      if (bands.vulnerable() != null) {
        band = band.when(col("_score").geq(bands.vulnerable() - IndicatorSpec.TOLERANCE), "vulnerable");
      }
      perK.add(band.otherwise("not_poor").as("_band" + i));
    }
    return withScore.select(perK.toArray(Column[]::new));
  }

  private static Dataset<Row> publicUnits(Dataset<Row> scored, Layout layout) {
    IndicatorSpec spec = layout.spec;
    List<Column> cols = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    cols.add(col("_id").as(spec.id()));
    used.add(spec.id());
    for (int m = 0; m < layout.groupCols.size(); m++) {
      if (used.add(layout.groupCols.get(m))) {
        cols.add(col(Layout.g(m)).as(layout.groupCols.get(m)));
      }
    }
    cols.add(col("_w").as("unit_weight"));
    cols.add(col("_inc").equalTo(0).as("excluded"));
    cols.add(col("_reason").as("exclusion_reason"));
    for (int j = 0; j < layout.ind.size(); j++) {
      Indicator ind = layout.ind.get(j);
      cols.add(when(col("_inc").equalTo(1), col("_d" + j)).as("deprived_" + ind.name()));
      if (ind.cardinal()) {
        cols.add(when(col("_inc").equalTo(1), col("_gap" + j)).as("gap_" + ind.name()));
      }
    }
    cols.add(col("_score").as("score"));
    for (int i = 0; i < layout.k.size(); i++) {
      String label = kLabel(layout.k.get(i));
      cols.add(col("_poor" + i).as("poor_" + label));
      cols.add(col("_band" + i).as("band_" + label));
      cols.add(col("_cs" + i).as("censored_score_" + label));
    }
    return scored.select(cols.toArray(Column[]::new));
  }

  // ---- aggregation ---------------------------------------------------------------------------

  /** Additive per-unit quantities (fixed-point sums) and counts (long sums). */
  private static Dataset<Row> addends(Dataset<Row> scored, Layout layout) {
    List<Column> cols = new ArrayList<>();
    for (String c : layout.setColumns) {
      cols.add(col(c));
    }
    Column inc = col("_inc").equalTo(1);
    Column w = when(inc, col("_w")).otherwise(0.0);
    cols.add(col("_inc").cast("long").as("c_n"));
    cols.add(lit(1L).minus(col("_inc")).as("c_exc"));
    List<Object[]> split = new ArrayList<>(); // name, Column
    split.add(new Object[] {"w", w});
    for (int i = 0; i < layout.k.size(); i++) {
      Column poor = coalesce(col("_poor" + i), lit(false));
      Column p = when(poor, 1.0).otherwise(0.0);
      Column cs = coalesce(col("_cs" + i), lit(0.0));
      cols.add(when(poor.and(inc), 1L).otherwise(0L).as("c_q" + i));
      split.add(new Object[] {"wp" + i, w.multiply(p)});
      split.add(new Object[] {"wc" + i, w.multiply(cs)});
      split.add(new Object[] {"wg1_" + i, w.multiply(p).multiply(coalesce(col("_g1"), lit(0.0)))});
      split.add(new Object[] {"wg2_" + i, w.multiply(p).multiply(coalesce(col("_g2"), lit(0.0)))});
      split.add(new Object[] {"wv" + i, w.multiply(when(col("_band" + i).equalTo("vulnerable"), 1.0).otherwise(0.0))});
      split.add(new Object[] {"ws" + i, w.multiply(when(col("_band" + i).equalTo("severe"), 1.0).otherwise(0.0))});
      if (!layout.hasPsu) {
        // Every unit is its own PSU: squares and products of the unit's terms.
        split.add(new Object[] {"mpp" + i, w.multiply(w).multiply(p)});
        split.add(new Object[] {"mcw" + i, w.multiply(w).multiply(cs)});
        split.add(new Object[] {"mcc" + i, w.multiply(cs).multiply(w.multiply(cs))});
      }
      for (int j = 0; j < layout.ind.size(); j++) {
        Column d = when(coalesce(col("_d" + j), lit(false)), 1.0).otherwise(0.0);
        split.add(new Object[] {"wcd" + i + "_" + j, w.multiply(d).multiply(p)});
      }
    }
    for (int j = 0; j < layout.ind.size(); j++) {
      Column d = when(coalesce(col("_d" + j), lit(false)), 1.0).otherwise(0.0);
      split.add(new Object[] {"wd" + j, w.multiply(d)});
    }
    if (!layout.hasPsu) {
      split.add(new Object[] {"mww", w.multiply(w)});
    }
    for (Object[] s : split) {
      Column x = (Column) s[1];
      cols.add(hiPart(x).as(hi((String) s[0])));
      cols.add(loPart(x).as(lo((String) s[0])));
    }
    return scored.select(cols.toArray(Column[]::new));
  }

  private static List<String> splitNames(Dataset<Row> df) {
    return Arrays.stream(df.columns()).filter(c -> c.endsWith("__h"))
        .map(c -> c.substring(0, c.length() - 3)).toList();
  }

  private static List<String> countNames(Dataset<Row> df) {
    return Arrays.stream(df.columns()).filter(c -> c.startsWith("c_")).toList();
  }

  private static List<Column> sumsOf(Dataset<Row> df) {
    List<Column> aggs = new ArrayList<>();
    for (String c : countNames(df)) {
      aggs.add(sum(col(c)).as(c));
    }
    for (String s : splitNames(df)) {
      aggs.addAll(List.of(FixedPointSums.sums(s)));
    }
    return aggs;
  }

  /** One scan: GROUPING SETS over every grouping × stratum [× PSU]. */
  private static Dataset<Row> scan(Dataset<Row> addends, Layout layout) {
    String view = "af_units_" + UUID.randomUUID().toString().replace("-", "");
    addends.createOrReplaceTempView(view);
    try {
      StringBuilder sql = new StringBuilder("SELECT grouping_id() AS gid");
      for (String c : layout.setColumns) {
        sql.append(", ").append(c);
      }
      for (String c : countNames(addends)) {
        sql.append(", sum(").append(c).append(") AS ").append(c);
      }
      for (String s : splitNames(addends)) {
        sql.append(", sum(").append(hi(s)).append(") AS ").append(hi(s));
        sql.append(", sum(").append(lo(s)).append(") AS ").append(lo(s));
      }
      sql.append(" FROM ").append(view).append(" GROUP BY ").append(String.join(", ", layout.setColumns));
      sql.append(" GROUPING SETS (");
      List<String> sets = new ArrayList<>();
      sets.add("(" + String.join(", ", layout.setOf(List.of())) + ")");
      for (List<String> g : layout.groupings) {
        sets.add("(" + String.join(", ", layout.setOf(g)) + ")");
      }
      sql.append(String.join(", ", sets)).append(")");
      // The plan is bound at analysis; the view is not needed once the Dataset exists.
      return addends.sparkSession().sql(sql.toString());
    } finally {
      addends.sparkSession().catalog().dropTempView(view);
    }
  }

  /** PSU totals → per-stratum sums of their squares and products. */
  private static Dataset<Row> psuMoments(Dataset<Row> byPsu, Layout layout) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("gid"));
    for (int m = 0; m < layout.groupCols.size(); m++) {
      cols.add(col(Layout.g(m)));
    }
    cols.add(col("_s"));
    for (String c : countNames(byPsu)) {
      cols.add(col(c));
    }
    cols.add(when(col("c_n").gt(0), 1L).otherwise(0L).as("c_psus"));
    for (String s : splitNames(byPsu)) {
      cols.add(col(hi(s)));
      cols.add(col(lo(s)));
    }
    List<Object[]> moments = new ArrayList<>();
    moments.add(new Object[] {"mww", value("w").multiply(value("w"))});
    for (int i = 0; i < layout.k.size(); i++) {
      moments.add(new Object[] {"mpp" + i, value("wp" + i).multiply(value("wp" + i))});
      moments.add(new Object[] {"mcc" + i, value("wc" + i).multiply(value("wc" + i))});
      moments.add(new Object[] {"mpw" + i, value("wp" + i).multiply(value("w"))});
      moments.add(new Object[] {"mcw" + i, value("wc" + i).multiply(value("w"))});
      moments.add(new Object[] {"mpc" + i, value("wp" + i).multiply(value("wc" + i))});
    }
    for (Object[] mo : moments) {
      cols.add(hiPart((Column) mo[1]).as(hi((String) mo[0])));
      cols.add(loPart((Column) mo[1]).as(lo((String) mo[0])));
    }
    Dataset<Row> withMoments = byPsu.select(cols.toArray(Column[]::new));
    return withMoments.groupBy(strataKey(layout)).agg(first(sumsOf(withMoments)), rest(sumsOf(withMoments)));
  }

  private static Column[] strataKey(Layout layout) {
    List<Column> key = new ArrayList<>(groupKey(layout));
    key.add(col("_s"));
    return key.toArray(Column[]::new);
  }

  private static List<Column> groupKey(Layout layout) {
    List<Column> key = new ArrayList<>();
    key.add(col("gid"));
    for (int m = 0; m < layout.groupCols.size(); m++) {
      key.add(col(Layout.g(m)));
    }
    return key;
  }

  private static Column first(List<Column> cols) {
    return cols.get(0);
  }

  private static Column[] rest(List<Column> cols) {
    return cols.subList(1, cols.size()).toArray(Column[]::new);
  }

  /**
   * The wide per-subgroup table: counts, values of every sum, variances of H, A, M0 per k, and the
   * t quantile for 95% intervals. Materialised (it is small), so later outputs do not rescan units.
   */
  private static Dataset<Row> aggregate(Dataset<Row> scored, Layout layout) {
    Dataset<Row> a = scan(addends(scored, layout), layout);
    Dataset<Row> strata;
    if (layout.hasPsu) {
      strata = psuMoments(a, layout);
    } else {
      List<Column> cols = new ArrayList<>();
      cols.add(col("*"));
      cols.add(col("c_n").as("c_psus"));
      for (int i = 0; i < layout.k.size(); i++) {
        cols.add(col(hi("mpp" + i)).as(hi("mpw" + i)));
        cols.add(col(lo("mpp" + i)).as(lo("mpw" + i)));
        cols.add(col(hi("mcw" + i)).as(hi("mpc" + i)));
        cols.add(col(lo("mcw" + i)).as(lo("mpc" + i)));
      }
      strata = a.select(cols.toArray(Column[]::new));
    }
    strata = strata.localCheckpoint(true);

    // PSUs per stratum in the whole sample, and the design degrees of freedom.
    Dataset<Row> nh = strata.filter(col("gid").equalTo(layout.populationGid))
        .select(col("_s").as("nh_s"), col("c_psus").as("n_h"));
    Row design = nh.agg(sum("n_h"), sum(when(col("n_h").gt(0), 1L).otherwise(0L))).first();
    long psus = design.isNullAt(0) ? 0 : design.getLong(0);
    long strataCount = design.isNullAt(1) ? 0 : design.getLong(1);
    long df = psus - strataCount;
    double t = df > 0 ? new TDistribution(null, df).inverseCumulativeProbability(0.975) : Double.NaN;

    // Subgroup totals: exact sums over strata, then values.
    Dataset<Row> totals = strata.groupBy(groupKey(layout).toArray(Column[]::new))
        .agg(first(sumsOf(strata)), rest(sumsOf(strata)));
    List<Column> est = new ArrayList<>(groupKey(layout));
    for (String c : countNames(strata)) {
      est.add(col(c));
    }
    for (String s : splitNames(strata)) {
      if (!s.startsWith("m")) {
        est.add(value(s).as(s));
      }
    }
    Dataset<Row> values = totals.select(est.toArray(Column[]::new));
    List<Column> ratios = new ArrayList<>();
    ratios.add(col("*"));
    for (int i = 0; i < layout.k.size(); i++) {
      ratios.add(ratio(col("wp" + i), col("w")).as("H" + i));
      ratios.add(ratio(col("wc" + i), col("w")).as("M0_" + i));
      ratios.add(ratio(col("wc" + i), col("wp" + i)).as("A" + i));
    }
    values = values.select(ratios.toArray(Column[]::new));

    // Per-stratum variance terms, joined to their subgroup's estimates.
    List<Column> tcols = new ArrayList<>();
    for (Column c : groupKey(layout)) {
      tcols.add(c);
    }
    List<String> tnames = new ArrayList<>();
    tnames.add("w");
    for (int i = 0; i < layout.k.size(); i++) {
      tnames.addAll(List.of("wp" + i, "wc" + i, "H" + i, "M0_" + i, "A" + i));
    }
    List<Column> tsel = new ArrayList<>();
    tsel.add(col("gid").as("t_gid"));
    for (int m = 0; m < layout.groupCols.size(); m++) {
      tsel.add(col(Layout.g(m)).as("t" + Layout.g(m)));
    }
    for (String n : tnames) {
      tsel.add(col(n).as("T_" + n));
    }
    Dataset<Row> t0 = values.select(tsel.toArray(Column[]::new));
    Column on = col("gid").equalTo(col("t_gid"));
    for (int m = 0; m < layout.groupCols.size(); m++) {
      on = on.and(col(Layout.g(m)).eqNullSafe(col("t" + Layout.g(m))));
    }
    Dataset<Row> joined = strata.join(t0, on).join(nh, col("_s").eqNullSafe(col("nh_s")));
    List<Column> vcols = new ArrayList<>(groupKey(layout));
    Column nH = col("n_h").cast("double");
    for (int i = 0; i < layout.k.size(); i++) {
      Column tw = col("T_w");
      Column tp = col("T_wp" + i);
      // H: y = poor, x = 1.
      vcols.add(stratumVariance(nH, value("wp" + i), value("w"), col("T_H" + i), tw,
          value("mpp" + i), value("mpw" + i), value("mww")).as("vH" + i));
      // M0: y = censored score, x = 1.
      vcols.add(stratumVariance(nH, value("wc" + i), value("w"), col("T_M0_" + i), tw,
          value("mcc" + i), value("mcw" + i), value("mww")).as("vM0_" + i));
      // A: y = censored score, x = poor.
      vcols.add(stratumVariance(nH, value("wc" + i), value("wp" + i), col("T_A" + i), tp,
          value("mcc" + i), value("mpc" + i), value("mpp" + i)).as("vA" + i));
    }
    Dataset<Row> perStratum = joined.select(vcols.toArray(Column[]::new));
    List<Column> vsum = new ArrayList<>();
    for (int i = 0; i < layout.k.size(); i++) {
      for (String v : List.of("vH" + i, "vM0_" + i, "vA" + i)) {
        // Sorted before adding, so the order rows arrive in does not change the last bits.
        vsum.add(expr("aggregate(array_sort(collect_list(" + v + ")), 0D, (acc, x) -> acc + x)").as(v));
      }
    }
    Dataset<Row> variances = perStratum.groupBy(groupKey(layout).toArray(Column[]::new))
        .agg(vsum.get(0), vsum.subList(1, vsum.size()).toArray(Column[]::new));
    List<String> keyNames = new ArrayList<>();
    keyNames.add("gid");
    for (int m = 0; m < layout.groupCols.size(); m++) {
      keyNames.add(Layout.g(m));
    }
    Column von = lit(true);
    Dataset<Row> v = variances;
    for (String kn : keyNames) {
      v = v.withColumnRenamed(kn, "v_" + kn);
      von = von.and(col(kn).eqNullSafe(col("v_" + kn)));
    }
    Dataset<Row> wide = values.join(v, von, "left");
    for (String kn : keyNames) {
      wide = wide.drop("v_" + kn);
    }
    return wide.withColumn("df", lit(df)).withColumn("t975", lit(t)).localCheckpoint(true);
  }

  /** Null when the denominator is zero (A of a group with nobody poor, any ratio of an empty group). */
  private static Column ratio(Column num, Column den) {
    return when(den.gt(0), num.divide(den));
  }

  /**
   * A stratum's term n_h/(n_h−1)·(Σz² − (Σz)²/n_h), with z = (Y − R·X)/T per PSU expanded into the
   * stratum's sums: Σz = (ΣY − R·ΣX)/T, Σz² = (ΣY² − 2R·ΣXY + R²·ΣX²)/T².
   */
  private static Column stratumVariance(
      Column nh, Column sy, Column sx, Column r, Column total, Column syy, Column sxy, Column sxx) {
    Column s1 = sy.minus(r.multiply(sx)).divide(total);
    Column s2 = syy.minus(r.multiply(sxy).multiply(2)).plus(r.multiply(r).multiply(sxx)).divide(total.multiply(total));
    Column term = nh.divide(nh.minus(1)).multiply(s2.minus(s1.multiply(s1).divide(nh)));
    return when(r.isNull().or(total.leq(0)), lit(null).cast("double"))
        .when(nh.leq(1), 0.0).otherwise(term);
  }

  // ---- outputs -------------------------------------------------------------------------------

  private static Dataset<Row> measures(Dataset<Row> wide, Layout layout) {
    List<Column> perK = new ArrayList<>();
    for (int i = 0; i < layout.k.size(); i++) {
      perK.add(struct(
          lit(layout.k.get(i)).as("k"),
          col("c_q" + i).as("q"),
          col("wp" + i).as("poor_population"),
          col("H" + i).as("H"),
          col("A" + i).as("A"),
          col("M0_" + i).as("M0"),
          ratio(col("wg1_" + i), col("w")).as("M1"),
          ratio(col("wg2_" + i), col("w")).as("M2"),
          ratio(col("wv" + i), col("w")).as("vulnerable"),
          ratio(col("ws" + i), col("w")).as("severe"),
          sqrt(col("vH" + i)).as("se_H"),
          sqrt(col("vA" + i)).as("se_A"),
          sqrt(col("vM0_" + i)).as("se_M0")));
    }
    List<Column> cols = new ArrayList<>();
    cols.add(layout.groupingOrder().as("grouping_order"));
    cols.addAll(layout.keyColumns());
    cols.add(col("c_n").as("n"));
    cols.add(col("c_exc").as("excluded"));
    cols.add(col("w").as("population"));
    cols.add(col("df"));
    cols.add(col("t975"));
    cols.add(explode(array(perK.toArray(Column[]::new))).as("m"));
    Dataset<Row> flat = wide.select(cols.toArray(Column[]::new)).select(col("*"), col("m.*")).drop("m");
    for (String s : List.of("H", "A", "M0")) {
      Column half = col("t975").multiply(col("se_" + s));
      flat = flat.withColumn("ci_" + s + "_low", col(s).minus(half))
          .withColumn("ci_" + s + "_high", col(s).plus(half));
    }
    Dataset<Row> population = flat.filter(col("grouping").isNull())
        .select(col("k").as("pop_k"), col("population").as("pop_w"), col("M0").as("pop_M0"));
    flat = flat.join(org.apache.spark.sql.functions.broadcast(population), col("k").equalTo(col("pop_k")))
        .withColumn("population_share", ratio(col("population"), col("pop_w")))
        .withColumn("contribution", ratio(col("population_share").multiply(col("M0")), col("pop_M0")))
        .drop("pop_k", "pop_w", "pop_M0", "t975");
    List<Column> order = new ArrayList<>();
    order.add(col("k"));
    order.add(col("grouping_order"));
    for (String g : layout.groupCols) {
      order.add(q(g));
    }
    return flat.orderBy(order.toArray(Column[]::new)).drop("grouping_order");
  }

  private static Dataset<Row> indicators(Dataset<Row> wide, Layout layout, Dataset<Row> measures) {
    List<Column> rows = new ArrayList<>();
    for (int i = 0; i < layout.k.size(); i++) {
      for (int j = 0; j < layout.ind.size(); j++) {
        Indicator ind = layout.ind.get(j);
        Column censored = ratio(col("wcd" + i + "_" + j), col("w"));
        Column absolute = censored.multiply(ind.weight());
        rows.add(struct(
            lit(layout.k.get(i)).as("k"),
            lit(j).as("indicator_order"),
            lit(ind.name()).as("indicator"),
            lit(ind.dimensionOrName()).as("dimension"),
            lit(ind.weight()).as("weight"),
            ratio(col("wd" + j), col("w")).as("uncensored"),
            censored.as("censored"),
            absolute.as("contribution_absolute"),
            ratio(absolute, col("M0_" + i)).as("contribution")));
      }
    }
    return unpivot(wide, layout, rows, "indicator_order");
  }

  private static Dataset<Row> dimensions(Dataset<Row> wide, Layout layout, Dataset<Row> measures) {
    List<Column> rows = new ArrayList<>();
    List<String> dims = layout.spec.dimensions();
    for (int i = 0; i < layout.k.size(); i++) {
      for (int d = 0; d < dims.size(); d++) {
        double weight = 0;
        Column absolute = lit(0.0);
        for (int j = 0; j < layout.ind.size(); j++) {
          Indicator ind = layout.ind.get(j);
          if (ind.dimensionOrName().equals(dims.get(d))) {
            weight += ind.weight();
            absolute = absolute.plus(ratio(col("wcd" + i + "_" + j), col("w")).multiply(ind.weight()));
          }
        }
        rows.add(struct(
            lit(layout.k.get(i)).as("k"),
            lit(d).as("dimension_order"),
            lit(dims.get(d)).as("dimension"),
            lit(weight).as("weight"),
            absolute.as("contribution_absolute"),
            ratio(absolute, col("M0_" + i)).as("contribution")));
      }
    }
    return unpivot(wide, layout, rows, "dimension_order");
  }

  private static Dataset<Row> unpivot(Dataset<Row> wide, Layout layout, List<Column> rows, String orderCol) {
    List<Column> cols = new ArrayList<>();
    cols.add(layout.groupingOrder().as("grouping_order"));
    cols.addAll(layout.keyColumns());
    cols.add(explode(array(rows.toArray(Column[]::new))).as("r"));
    Dataset<Row> flat = wide.select(cols.toArray(Column[]::new)).select(col("*"), col("r.*")).drop("r");
    List<Column> order = new ArrayList<>();
    order.add(col("k"));
    order.add(col("grouping_order"));
    for (String g : layout.groupCols) {
      order.add(q(g));
    }
    order.add(col(orderCol));
    return flat.orderBy(order.toArray(Column[]::new)).drop("grouping_order", orderCol);
  }

  // ---- input checks ----------------------------------------------------------------------------

  /** Column presence, numeric types of cardinal columns and weights, non-empty input. */
  static final class InputChecks {
    private InputChecks() {}

    static Dataset<Row> prepare(Dataset<Row> units, IndicatorSpec spec, List<String> groupCols) {
      List<String> have = Arrays.asList(units.columns());
      List<String> needed = new ArrayList<>(spec.namedColumns());
      for (String g : groupCols) {
        if (!needed.contains(g)) {
          needed.add(g);
        }
      }
      for (String c : needed) {
        checkArgument(have.contains(c), "input has no column '%s' (needed by %s); its columns are %s",
            c, describeUse(spec, c, groupCols), have);
      }
      for (String reserved : List.of("grouping", "k", "n", "q", "H", "A", "M0", "M1", "M2", "population")) {
        checkArgument(!groupCols.contains(reserved), "cannot group by a column named '%s' (an output field)", reserved);
      }
      for (int j = 0; j < spec.indicators().size(); j++) {
        Indicator ind = spec.indicators().get(j);
        if (!ind.cardinal()) {
          DataType type;
          try {
            type = units.select(expr(ind.deprivedIf())).schema().fields()[0].dataType();
          } catch (Exception e) {
            throw new IllegalArgumentException(String.format(
                "%s: indicators[%d] (%s).deprived_if: cannot be evaluated on the input: %s",
                spec.source(), j, ind.name(), firstLine(e.getMessage())), e);
          }
          checkArgument(type instanceof BooleanType,
              "%s: indicators[%d] (%s).deprived_if: expected a condition (true/false), it gives %s",
              spec.source(), j, ind.name(), type.simpleString());
        }
      }
      List<String> numeric = new ArrayList<>();
      if (spec.weight() != null) {
        numeric.add(spec.weight());
      }
      for (Indicator ind : spec.indicators()) {
        if (ind.cardinal() && !numeric.contains(ind.column())) {
          numeric.add(ind.column());
        }
      }
      Dataset<Row> out = units;
      Column anyBad = lit(false);
      List<String> textual = new ArrayList<>();
      for (String c : numeric) {
        DataType type = units.schema().apply(c).dataType();
        if (type instanceof NumericType) {
          out = out.withColumn(c, q(c).cast(DataTypes.DoubleType));
        } else if (type instanceof StringType) {
          textual.add(c);
          anyBad = anyBad.or(badNumber(q(c)));
        } else {
          throw new IllegalArgumentException(String.format(
              "input column '%s' (%s) has type %s; expected numbers", c, describeUse(spec, c, groupCols),
              type.simpleString()));
        }
      }
      if (!textual.isEmpty()) {
        List<Column> show = new ArrayList<>();
        show.add(q(spec.id()).cast("string"));
        for (String c : textual) {
          show.add(q(c));
        }
        List<Row> bad = units.filter(anyBad).select(show.toArray(Column[]::new)).limit(1).collectAsList();
        if (!bad.isEmpty()) {
          Row r = bad.get(0);
          for (int i = 0; i < textual.size(); i++) {
            String v = r.getString(i + 1);
            if (v != null && !v.isBlank() && parses(v)) {
              continue;
            }
            if (v != null && !v.isBlank()) {
              throw new IllegalArgumentException(String.format(
                  "input column '%s' (%s): non-numeric value '%s' in the unit with %s=%s",
                  textual.get(i), describeUse(spec, textual.get(i), groupCols), v, spec.id(), r.get(0)));
            }
          }
        }
        for (String c : textual) {
          out = out.withColumn(c, when(trim(q(c)).equalTo(""), lit(null).cast("double"))
              .otherwise(trim(q(c)).cast(DataTypes.DoubleType)));
        }
      }
      checkArgument(!units.isEmpty(), "the input table is empty: no units to measure");
      return out;
    }

    private static Column badNumber(Column c) {
      return c.isNotNull().and(trim(c).notEqual("")).and(trim(c).cast(DataTypes.DoubleType).isNull());
    }

    private static boolean parses(String v) {
      try {
        Double.parseDouble(v.strip());
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private static String describeUse(IndicatorSpec spec, String c, List<String> groupCols) {
      List<String> uses = new ArrayList<>();
      if (c.equals(spec.id())) {
        uses.add(spec.source() + ": id");
      }
      if (c.equals(spec.weight())) {
        uses.add(spec.source() + ": weight");
      }
      if (c.equals(spec.strata())) {
        uses.add(spec.source() + ": strata");
      }
      if (c.equals(spec.psu())) {
        uses.add(spec.source() + ": psu");
      }
      for (int j = 0; j < spec.indicators().size(); j++) {
        if (c.equals(spec.indicators().get(j).column())) {
          uses.add(spec.source() + ": indicators[" + j + "] (" + spec.indicators().get(j).name() + ").column");
        }
      }
      if (groupCols.contains(c)) {
        uses.add("subgroups (--by)");
      }
      return String.join(", ", uses);
    }

    private static String firstLine(String s) {
      if (s == null) {
        return "";
      }
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
  }
}
