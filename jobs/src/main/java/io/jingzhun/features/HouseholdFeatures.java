package io.jingzhun.features;

import static io.jingzhun.common.Preconditions.checkArgument;
import static io.jingzhun.common.Preconditions.checkNotNull;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Household features for the poverty index, derived from the registration extract and what the other
 * departments say about the same people (through the person crosswalk):
 *
 * <ul>
 *   <li>living members: registered members without a death record dated on or before the run date;
 *   <li>per-capita net income: registration income items less production costs, over living members;
 *       transfers finance paid in the last twelve months are set beside the reported ones;
 *   <li>education: compulsory-age children (6–15 on the run date) whose latest school record is not
 *       "enrolled", or who have no school record at all;
 *   <li>health: living members without basic medical insurance, seriously or chronically ill;
 *   <li>housing, water, food and clothing as registered; labour and migrant work;
 *   <li>civil-affairs statuses (低保, 特困 active for a living member; disability).
 * </ul>
 *
 * Every household keeps {@code source_records}: the record keys of every row a feature was read from.
 */
public final class HouseholdFeatures {
  /** Compulsory education ages (九年义务教育), inclusive, on the run date. */
  public static final int COMPULSORY_AGE_FROM = 6;

  public static final int COMPULSORY_AGE_TO = 15;

  private HouseholdFeatures() {}

  /** The staged and linked tables one run's features are computed from. */
  public record Inputs(
      Dataset<Row> households,
      Dataset<Row> members,
      Dataset<Row> civilAffairs,
      Dataset<Row> education,
      Dataset<Row> payments,
      Dataset<Row> crosswalk,
      Dataset<Row> transferProgrammes) {
    public Inputs {
      checkNotNull(households, "expected the staged households table");
      checkNotNull(members, "expected the staged members table");
      checkNotNull(civilAffairs, "expected the staged civil_affairs table");
      checkNotNull(education, "expected the staged education table");
      checkNotNull(payments, "expected the staged finance_payments table");
      checkNotNull(crosswalk, "expected the person crosswalk (record_key, table, person_id)");
      for (String c : List.of("record_key", "table", "person_id")) {
        checkArgument(List.of(crosswalk.columns()).contains(c),
            "expected the person crosswalk to have column '%s', it has %s", c, List.of(crosswalk.columns()));
      }
      checkNotNull(transferProgrammes, "expected the programme table (programme_code, transfer_item)");
    }
  }

  /** One row per registered household, with the feature columns described in the published contract. */
  public static Dataset<Row> build(SparkSession spark, Inputs in, LocalDate runDate) {
    checkArgument(runDate != null, "expected a run date");
    String p = "hf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    in.households().createOrReplaceTempView(p + "households");
    in.members().createOrReplaceTempView(p + "members");
    in.civilAffairs().createOrReplaceTempView(p + "civil");
    in.education().createOrReplaceTempView(p + "education");
    in.payments().createOrReplaceTempView(p + "payments");
    in.crosswalk().createOrReplaceTempView(p + "crosswalk");
    in.transferProgrammes().createOrReplaceTempView(p + "programmes");
    String d = "DATE'" + runDate + "'";
    try {
      return spark.sql(FEATURES_SQL.replace("${p}", p).replace("${run_date}", d)
          .replace("${age_from}", Integer.toString(COMPULSORY_AGE_FROM))
          .replace("${age_to}", Integer.toString(COMPULSORY_AGE_TO)));
    } finally {
      // The plan has captured the views' logical plans; the names are no longer needed.
      for (String v : new String[] {"households", "members", "civil", "education", "payments", "crosswalk", "programmes"}) {
        spark.catalog().dropTempView(p + v);
      }
    }
  }

  // Each join with the crosswalk names the source table: at 1M households the crosswalk holds 9.8 M
  // records, and a join on record_key alone would shuffle all of them for each of the five joins.
  private static final String FEATURES_SQL = """
      WITH person_of AS (
        SELECT record_key, `table`, person_id FROM ${p}crosswalk
      ),
      deaths AS (
        SELECT x.person_id, min(c.death_date) AS death_date, collect_set(c.record_key) AS keys
        FROM ${p}civil c JOIN person_of x ON x.record_key = c.record_key AND x.`table` = 'civil_affairs'
        WHERE c.death_date IS NOT NULL AND c.death_date <= ${run_date}
        GROUP BY x.person_id
      ),
      civil_status AS (
        SELECT x.person_id,
               max(c.programme = 'dibao' AND c.status = 'active') AS on_dibao,
               max(c.programme = 'tekun' AND c.status = 'active') AS on_tekun,
               max(c.programme = 'disability_subsidy' AND c.status = 'active') AS disability_subsidy,
               collect_set(c.record_key) AS keys
        FROM ${p}civil c JOIN person_of x ON x.record_key = c.record_key AND x.`table` = 'civil_affairs'
        WHERE c.programme <> 'death_registration'
        GROUP BY x.person_id
      ),
      school AS (
        -- The latest school record of each person decides whether the child is in school now.
        SELECT person_id, enrolment_status, keys FROM (
          SELECT x.person_id, e.enrolment_status,
                 collect_set(e.record_key) OVER (PARTITION BY x.person_id) AS keys,
                 row_number() OVER (PARTITION BY x.person_id
                   ORDER BY e.status_date DESC NULLS LAST, e.enrolment_status = 'enrolled' DESC,
                            e.record_key) AS rn
          FROM ${p}education e JOIN person_of x ON x.record_key = e.record_key AND x.`table` = 'education'
        ) WHERE rn = 1
      ),
      member_facts AS (
        SELECT m.household_id, m.record_key, x.person_id,
               coalesce(m.birth_date,
                        to_date(substring(m.id_number, 7, 8), 'yyyyMMdd')) AS birth_date,
               m.medical_insurance, m.health, m.labour_ability, m.migrant_months,
               d.person_id IS NOT NULL AS deceased,
               coalesce(cs.on_dibao, false) AS on_dibao,
               coalesce(cs.on_tekun, false) AS on_tekun,
               coalesce(cs.disability_subsidy, false) AS disability_subsidy,
               s.enrolment_status AS latest_school_status,
               concat(array(m.record_key), coalesce(d.keys, array()), coalesce(cs.keys, array()),
                      coalesce(s.keys, array())) AS keys
        FROM ${p}members m
        LEFT JOIN person_of x ON x.record_key = m.record_key AND x.`table` = 'members'
        LEFT JOIN deaths d ON d.person_id = x.person_id
        LEFT JOIN civil_status cs ON cs.person_id = x.person_id
        LEFT JOIN school s ON s.person_id = x.person_id
      ),
      member_ages AS (
        SELECT *, CAST(floor(months_between(${run_date}, birth_date) / 12) AS INT) AS age
        FROM member_facts
      ),
      member_summary AS (
        SELECT household_id,
          count(*) AS registered_members,
          sum(CASE WHEN deceased THEN 1 ELSE 0 END) AS deceased_members,
          sum(CASE WHEN NOT deceased THEN 1 ELSE 0 END) AS living_members,
          sum(CASE WHEN NOT deceased AND age BETWEEN ${age_from} AND ${age_to} THEN 1 ELSE 0 END)
            AS school_age_children,
          sum(CASE WHEN NOT deceased AND age BETWEEN ${age_from} AND ${age_to}
                    AND coalesce(latest_school_status, 'none') <> 'enrolled' THEN 1 ELSE 0 END)
            AS children_out_of_school,
          sum(CASE WHEN NOT deceased AND age BETWEEN ${age_from} AND ${age_to}
                    AND latest_school_status = 'dropped_out' THEN 1 ELSE 0 END)
            AS children_dropped_out,
          sum(CASE WHEN NOT deceased AND medical_insurance = false THEN 1 ELSE 0 END)
            AS members_without_medical_insurance,
          sum(CASE WHEN NOT deceased AND medical_insurance IS NULL THEN 1 ELSE 0 END)
            AS members_medical_insurance_unknown,
          sum(CASE WHEN NOT deceased AND health = 'serious' THEN 1 ELSE 0 END) AS serious_ill_members,
          sum(CASE WHEN NOT deceased AND health = 'chronic' THEN 1 ELSE 0 END) AS chronic_ill_members,
          sum(CASE WHEN NOT deceased AND (health = 'disabled' OR disability_subsidy) THEN 1 ELSE 0 END)
            AS disabled_members,
          sum(CASE WHEN NOT deceased AND age BETWEEN 16 AND 64
                    AND labour_ability IN ('skilled', 'ordinary') THEN 1 ELSE 0 END) AS labour_members,
          sum(CASE WHEN NOT deceased AND coalesce(migrant_months, 0) > 0 THEN 1 ELSE 0 END)
            AS migrant_workers,
          sum(CASE WHEN NOT deceased AND age >= 65 THEN 1 ELSE 0 END) AS elderly_members,
          sum(CASE WHEN NOT deceased AND age < ${age_from} THEN 1 ELSE 0 END) AS young_children,
          max(NOT deceased AND on_dibao) AS on_dibao,
          max(NOT deceased AND on_tekun) AS on_tekun,
          flatten(collect_list(keys)) AS keys
        FROM member_ages
        GROUP BY household_id
      ),
      household_payments AS (
        -- Transfers finance paid in the twelve months up to the run date, to the household's members
        -- (through the crosswalk) or to the household id written on the payment.
        SELECT household_id, sum(amount) AS finance_transfers_paid, collect_set(record_key) AS keys
        FROM (
          SELECT DISTINCT pay.record_key, pay.amount,
                 coalesce(mf.household_id, pay.household_id) AS household_id
          FROM ${p}payments pay
          JOIN ${p}programmes prog ON prog.programme_code = pay.programme_code
          LEFT JOIN person_of x ON x.record_key = pay.record_key AND x.`table` = 'finance_payments'
          LEFT JOIN (SELECT DISTINCT person_id, household_id FROM member_facts WHERE person_id IS NOT NULL) mf
            ON mf.person_id = x.person_id
          WHERE prog.transfer_item IS NOT NULL
            AND pay.payment_date > add_months(${run_date}, -12) AND pay.payment_date <= ${run_date}
        ) WHERE household_id IS NOT NULL
        GROUP BY household_id
      )
      SELECT
        h.household_id, h.county_code, h.county_name, h.township_code, h.township_name,
        h.village_code, h.village_name, h.head_name, h.head_id_number,
        h.attribute, h.main_cause, h.secondary_causes, h.status, h.registration_year, h.exit_year,
        h.registered_size,
        CAST(coalesce(ms.registered_members, 0) AS INT) AS registered_members,
        CAST(coalesce(ms.living_members, 0) AS INT) AS living_members,
        CAST(coalesce(ms.deceased_members, 0) AS INT) AS deceased_members,
        coalesce(h.wage_income, 0) + coalesce(h.business_income, 0) + coalesce(h.property_income, 0)
          + coalesce(h.transfer_dibao, 0) + coalesce(h.transfer_tekun, 0) + coalesce(h.transfer_pension, 0)
          + coalesce(h.transfer_eco_compensation, 0) + coalesce(h.transfer_other, 0)
          - coalesce(h.production_cost, 0) AS net_income,
        coalesce(h.transfer_dibao, 0) + coalesce(h.transfer_tekun, 0) + coalesce(h.transfer_pension, 0)
          + coalesce(h.transfer_eco_compensation, 0) + coalesce(h.transfer_other, 0) AS reported_transfers,
        coalesce(hp.finance_transfers_paid, 0) AS finance_transfers_paid,
        CASE WHEN coalesce(ms.living_members, 0) > 0 THEN
          (coalesce(h.wage_income, 0) + coalesce(h.business_income, 0) + coalesce(h.property_income, 0)
           + coalesce(h.transfer_dibao, 0) + coalesce(h.transfer_tekun, 0) + coalesce(h.transfer_pension, 0)
           + coalesce(h.transfer_eco_compensation, 0) + coalesce(h.transfer_other, 0)
           - coalesce(h.production_cost, 0)) / ms.living_members
        END AS per_capita_net_income,
        h.food_secure, h.clothing_secure, h.safe_water, h.electricity, h.road_access, h.housing_grade,
        CAST(coalesce(ms.school_age_children, 0) AS INT) AS school_age_children,
        CAST(coalesce(ms.children_out_of_school, 0) AS INT) AS children_out_of_school,
        CAST(coalesce(ms.children_dropped_out, 0) AS INT) AS children_dropped_out,
        CAST(coalesce(ms.members_without_medical_insurance, 0) AS INT) AS members_without_medical_insurance,
        CAST(coalesce(ms.members_medical_insurance_unknown, 0) AS INT) AS members_medical_insurance_unknown,
        CAST(coalesce(ms.serious_ill_members, 0) AS INT) AS serious_ill_members,
        CAST(coalesce(ms.chronic_ill_members, 0) AS INT) AS chronic_ill_members,
        CAST(coalesce(ms.disabled_members, 0) AS INT) AS disabled_members,
        CAST(coalesce(ms.labour_members, 0) AS INT) AS labour_members,
        CAST(coalesce(ms.migrant_workers, 0) AS INT) AS migrant_workers,
        CAST(coalesce(ms.elderly_members, 0) AS INT) AS elderly_members,
        CAST(coalesce(ms.young_children, 0) AS INT) AS young_children,
        coalesce(ms.on_dibao, false) AS on_dibao,
        coalesce(ms.on_tekun, false) AS on_tekun,
        array_sort(array_distinct(concat(array(h.record_key), coalesce(ms.keys, array()),
                                         coalesce(hp.keys, array())))) AS source_records
      FROM ${p}households h
      LEFT JOIN member_summary ms ON ms.household_id = h.household_id
      LEFT JOIN household_payments hp ON hp.household_id = h.household_id
      """;
}
