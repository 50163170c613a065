package io.jingzhun.publish;

import static io.jingzhun.common.Preconditions.checkArgument;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.jingzhun.index.AlkireFoster;
import io.jingzhun.index.IndicatorSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Builds the published tables (contracts in {@code schemas/published/}) from the indexed layer: the
 * household index with pseudonyms and masked names, area indices ranked within their parents,
 * contributions, breakdowns, most-deprived lists, dynamic monitoring against the previous published
 * run, and the auditors' findings. Clear registry numbers, ID numbers and names do not leave here.
 */
public final class PublishedViews {
  /** How many villages and households the most-deprived lists keep per county. */
  public static final int MOST_DEPRIVED_VILLAGES = 20;

  public static final int MOST_DEPRIVED_HOUSEHOLDS = 50;

  private PublishedViews() {}

  /** The restricted-zone inputs of one run. */
  public record Inputs(
      Dataset<Row> householdScores,
      Dataset<Row> areaMeasures,
      Dataset<Row> areaIndicators,
      Dataset<Row> findings,
      Optional<Dataset<Row>> previousHouseholdIndex,
      Optional<LocalDate> previousRunDate) {}

  /** Settings of the dynamic monitoring (conf/monitoring.yaml). */
  public record Monitoring(double atRiskIncomeFactor) {
    public Monitoring {
      checkArgument(atRiskIncomeFactor >= 1.0,
          "expected at_risk_income_factor >= 1 (a multiple of the income line), got %s", atRiskIncomeFactor);
    }
  }

  public static Map<String, Dataset<Row>> build(SparkSession spark, IndicatorSpec spec, PseudonymKey key,
      Monitoring monitoring, Inputs in) {
    String p = "pv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    double primaryK = spec.k().get(0);
    String label = AlkireFoster.kLabel(primaryK);
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();

    // Households: pseudonyms, masks, the primary k's status, the indicators deprived in.
    List<Column> deprived = new ArrayList<>();
    for (IndicatorSpec.Indicator ind : spec.indicators()) {
      deprived.add(functions.when(col("deprived_" + ind.name()).equalTo(true), lit(ind.name())));
    }
    Dataset<Row> households = in.householdScores()
        .withColumn("household_key", Pseudonyms.household(key, col("household_id")))
        .withColumn("head_name_masked", Masks.name(col("head_name")))
        .withColumn("poor", functions.coalesce(col("poor_" + label), lit(false)))
        .withColumn("band", functions.when(col("excluded"), lit("excluded"))
            .when(col("band_" + label).equalTo("not_poor"), lit("none"))
            .otherwise(col("band_" + label)))
        .withColumn("deprived_in", array_sort(functions.filter(
            functions.array(deprived.toArray(Column[]::new)), c -> c.isNotNull())));
    households.createOrReplaceTempView(p + "households");
    Dataset<Row> householdIndex = spark.sql(
        "SELECT household_key, head_name_masked, county_code, township_code, village_code, village_name,"
            + " attribute, main_cause, status, living_members, deceased_members, per_capita_net_income,"
            + " income_line, score, poor, band, deprived_in, excluded,"
            + " CAST(row_number() OVER (PARTITION BY village_code"
            + "   ORDER BY score DESC NULLS LAST, household_key) AS INT) AS rank_in_village"
            + " FROM " + p + "households");
    out.put("household_index", householdIndex);

    // Area indices, ranked within their parents: M0 descending, then H, then the code.
    Dataset<Row> measures = in.areaMeasures()
        .withColumn("primary_k", functions.abs(col("k").minus(primaryK)).lt(IndicatorSpec.TOLERANCE));
    measures.createOrReplaceTempView(p + "measures");
    households.select("county_code", "county_name", "township_code", "township_name", "village_code",
        "village_name").distinct().createOrReplaceTempView(p + "places");
    String common = "k, primary_k, CAST(n AS BIGINT) AS households, population,"
        + " CAST(q AS BIGINT) AS poor_households, poor_population, H, coalesce(A, 0D) AS A, M0, M1, M2,"
        + " vulnerable AS vulnerable_share, severe AS severe_share, se_H AS H_se, se_A AS A_se, se_M0 AS M0_se,"
        + " ci_H_low AS H_ci_low, ci_H_high AS H_ci_high, ci_M0_low AS M0_ci_low, ci_M0_high AS M0_ci_high";
    String rankOrder = "ORDER BY M0 DESC, H DESC, %s)";
    out.put("county_index", spark.sql(String.format(
        "SELECT m.county_code, c.county_name, %s,"
            + " CAST(row_number() OVER (PARTITION BY k " + rankOrder + " AS INT) AS rank"
            + " FROM %smeasures m LEFT JOIN (SELECT DISTINCT county_code, county_name FROM %splaces) c"
            + " ON c.county_code = m.county_code WHERE grouping = 'county_code'",
        common, "m.county_code", p, p)));
    out.put("township_index", spark.sql(String.format(
        "SELECT m.county_code, m.township_code, t.township_name, %s,"
            + " CAST(row_number() OVER (PARTITION BY m.county_code, k " + rankOrder + " AS INT) AS rank"
            + " FROM %smeasures m LEFT JOIN (SELECT DISTINCT township_code, township_name FROM %splaces) t"
            + " ON t.township_code = m.township_code WHERE grouping = 'county_code,township_code'",
        common, "m.township_code", p, p)));
    Dataset<Row> villageIndex = spark.sql(String.format(
        "SELECT m.county_code, m.township_code, m.village_code, v.village_name, %s,"
            + " CAST(row_number() OVER (PARTITION BY m.township_code, k " + rankOrder + " AS INT) AS rank"
            + " FROM %smeasures m LEFT JOIN (SELECT DISTINCT village_code, village_name FROM %splaces) v"
            + " ON v.village_code = m.village_code"
            + " WHERE grouping = 'county_code,township_code,village_code'",
        common, "m.village_code", p, p));
    out.put("village_index", villageIndex);

    // Indicator headcounts and contributions at the three levels.
    in.areaIndicators()
        .withColumn("primary_k", functions.abs(col("k").minus(primaryK)).lt(IndicatorSpec.TOLERANCE))
        .createOrReplaceTempView(p + "indicators");
    out.put("indicator_contributions", spark.sql(
        "SELECT CASE grouping WHEN 'county_code' THEN 'county' WHEN 'county_code,township_code' THEN 'township'"
            + "   ELSE 'village' END AS level,"
            + " CASE grouping WHEN 'county_code' THEN county_code WHEN 'county_code,township_code' THEN township_code"
            + "   ELSE village_code END AS area_code,"
            + " county_code, k, primary_k, indicator, dimension, weight,"
            + " coalesce(uncensored, 0D) AS uncensored_headcount, coalesce(censored, 0D) AS censored_headcount,"
            + " coalesce(contribution_absolute, 0D) AS contribution, contribution AS contribution_share"
            + " FROM " + p + "indicators WHERE grouping IN"
            + " ('county_code', 'county_code,township_code', 'county_code,township_code,village_code')"));

    // Breakdowns by main cause and attribute, with each group's share of its county's M0.
    out.put("breakdowns", spark.sql(
        "SELECT g.county_code, c.county_name, g.k, g.primary_k,"
            + " CASE g.grouping WHEN 'county_code,main_cause' THEN 'main_cause' ELSE 'attribute' END AS breakdown,"
            + " coalesce(CASE g.grouping WHEN 'county_code,main_cause' THEN g.main_cause ELSE g.attribute END,"
            + "   'unknown') AS group_value,"
            + " CAST(g.n AS BIGINT) AS households, g.population, g.population / t.population AS population_share,"
            + " g.H, coalesce(g.A, 0D) AS A, g.M0,"
            + " CASE WHEN t.M0 > 0 THEN g.population / t.population * g.M0 / t.M0 END AS contribution_share"
            + " FROM " + p + "measures g JOIN " + p + "measures t"
            + "   ON t.grouping = 'county_code' AND t.county_code = g.county_code AND t.k = g.k"
            + " LEFT JOIN (SELECT DISTINCT county_code, county_name FROM " + p + "places) c"
            + "   ON c.county_code = g.county_code"
            + " WHERE g.grouping IN ('county_code,main_cause', 'county_code,attribute')"));

    // Most deprived villages and households per county at the primary k.
    villageIndex.createOrReplaceTempView(p + "villages");
    out.put("most_deprived_villages", spark.sql(
        "SELECT v.county_code, v.county_rank AS rank, v.township_code, t.township_name, v.village_code,"
            + " v.village_name, v.households, v.H, v.A, v.M0"
            + " FROM (SELECT *, CAST(row_number() OVER (PARTITION BY county_code"
            + "   ORDER BY M0 DESC, H DESC, village_code) AS INT) AS county_rank FROM " + p + "villages"
            + "   WHERE primary_k) v"
            + " LEFT JOIN (SELECT DISTINCT township_code AS tc, township_name FROM " + p + "places) t"
            + "   ON t.tc = v.township_code"
            + " WHERE v.county_rank <= " + MOST_DEPRIVED_VILLAGES));
    out.put("most_deprived_households", spark.sql(
        "SELECT county_code, rank, household_key, head_name_masked, township_code, village_code, village_name,"
            + " score, band, deprived_in FROM (SELECT *, CAST(row_number() OVER (PARTITION BY county_code"
            + "   ORDER BY score DESC, household_key) AS INT) AS rank FROM " + p + "households"
            + "   WHERE score IS NOT NULL AND score > 0)"
            + " WHERE rank <= " + MOST_DEPRIVED_HOUSEHOLDS));

    out.put("monitoring", monitoring(spark, p, householdIndex, spec, monitoring, in));
    Map.Entry<Dataset<Row>, Dataset<Row>> findings = findings(spark, p, key, in.findings(), households);
    out.put("findings", findings.getKey());
    out.put("findings_summary", findings.getValue());
    return out;
  }

  private static Dataset<Row> monitoring(SparkSession spark, String p, Dataset<Row> current,
      IndicatorSpec spec, Monitoring monitoring, Inputs in) {
    current.createOrReplaceTempView(p + "now");
    String atRisk = "(NOT n.poor AND n.band <> 'excluded' AND (n.band = 'vulnerable'"
        + " OR n.per_capita_net_income < " + monitoring.atRiskIncomeFactor() + " * n.income_line))";
    String select = "SELECT n.household_key, n.head_name_masked, n.county_code, n.township_code,"
        + " n.village_code, n.village_name, %s AS change, %s AS previous_run_date,"
        + " %s AS previous_score, n.score, %s AS previous_band, n.band, %s AS indicators_changed";
    if (in.previousHouseholdIndex().isEmpty()) {
      // No earlier run to compare with: only the households at risk can be named.
      return spark.sql(String.format(select, "'at_risk'", "CAST(NULL AS DATE)", "CAST(NULL AS DOUBLE)",
          "CAST(NULL AS STRING)", "CAST(array() AS ARRAY<STRING>)") + " FROM " + p + "now n WHERE " + atRisk);
    }
    in.previousHouseholdIndex().get().createOrReplaceTempView(p + "before");
    String previousDate = "DATE'" + in.previousRunDate().orElseThrow() + "'";
    String changed = "array_sort(array_union(array_except(n.deprived_in, coalesce(b.deprived_in, array())),"
        + " array_except(coalesce(b.deprived_in, array()), n.deprived_in)))";
    // 返贫: poor again after exiting (the registry says so, or the household had exited last time).
    String change = "CASE"
        + " WHEN n.poor AND coalesce(b.poor, false) = false"
        + "   AND (n.status = 'relapsed' OR b.status = 'exited') THEN 'relapsed'"
        + " WHEN n.poor AND coalesce(b.poor, false) = false THEN 'newly_poor'"
        + " WHEN NOT n.poor AND b.poor THEN 'exited'"
        + " WHEN " + atRisk + " THEN 'at_risk' END";
    return spark.sql("SELECT * FROM (" + String.format(select, change, previousDate, "b.score", "b.band", changed)
        + " FROM " + p + "now n LEFT JOIN " + p + "before b ON b.household_key = n.household_key)"
        + " WHERE change IS NOT NULL");
  }

  private static Map.Entry<Dataset<Row>, Dataset<Row>> findings(SparkSession spark, String p, PseudonymKey key,
      Dataset<Row> findings, Dataset<Row> households) {
    Dataset<Row> places = households.select(col("household_id").as("f_household_id"),
        col("county_code"), col("township_code"), col("village_code"));
    Dataset<Row> located = findings.join(places, findings.col("household_id").equalTo(places.col("f_household_id")), "left")
        // Record keys (table:file:line) carry no personal data: a plain digest identifies the finding.
        .withColumn("finding_key", functions.substring(functions.sha2(
            functions.concat_ws("|", col("rule_code"), functions.concat_ws(",", array_sort(col("source_records")))),
            256), 1, 32))
        .withColumn("household_key", Pseudonyms.household(key, col("household_id")))
        .withColumn("person_key", Pseudonyms.person(key, col("person_id")));
    Dataset<Row> published = located.selectExpr("finding_key", "rule_code", "severity", "county_code",
        "township_code", "village_code", "household_key", "person_key", "evidence",
        "CAST(size(source_records) AS INT) AS source_records");
    Dataset<Row> summary = located.groupBy("rule_code", "severity", "county_code", "township_code", "village_code")
        .agg(functions.count(lit(1)).as("findings"));
    return Map.entry(published, summary);
  }
}
