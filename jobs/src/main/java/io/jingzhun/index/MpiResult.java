package io.jingzhun.index;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link AlkireFoster#compute} returns. The aggregate tables are small (one row per k × subgroup,
 * × indicator or × dimension) and read from an aggregate that compute() has already materialised, so
 * reading them does not rescan the units; {@code units} is lazy (one row per input unit).
 *
 * @param spec the spec with parameters resolved (cutoffs as numbers)
 * @param params the parameters supplied
 * @param groupings the subgroup column lists, in the caller's order (the whole population is implied)
 * @param units per unit: id, subgroup columns, weight, exclusion, deprivations, gaps, score, and per k
 *     poor flag, band and censored score (column suffix {@link AlkireFoster#kLabel})
 * @param measures per k × subgroup: n, q, H, A, M0, M1, M2, bands, SEs, CIs, shares, contributions
 * @param indicators per k × subgroup × indicator: uncensored and censored headcount ratios, contributions
 * @param dimensions per k × subgroup × dimension: weight and contributions
 */
public record MpiResult(
    IndicatorSpec spec,
    Map<String, ?> params,
    List<List<String>> groupings,
    Dataset<Row> units,
    Dataset<Row> measures,
    Dataset<Row> indicators,
    Dataset<Row> dimensions) {}
