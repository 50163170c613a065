package io.jingzhun.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.TestSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HouseholdFeaturesTest {
  static final LocalDate RUN = LocalDate.of(2026, 11, 27);
  static Map<String, Row> byHousehold;

  static final String HOUSEHOLDS = "household_id STRING, county_code STRING, county_name STRING, "
      + "township_code STRING, township_name STRING, village_code STRING, village_name STRING, "
      + "head_name STRING, head_id_number STRING, attribute STRING, main_cause STRING, "
      + "secondary_causes ARRAY<STRING>, status STRING, registration_year INT, exit_year INT, "
      + "registered_size INT, wage_income DOUBLE, business_income DOUBLE, transfer_dibao DOUBLE, "
      + "transfer_tekun DOUBLE, transfer_pension DOUBLE, transfer_eco_compensation DOUBLE, "
      + "transfer_other DOUBLE, property_income DOUBLE, production_cost DOUBLE, housing_grade STRING, "
      + "safe_water BOOLEAN, electricity BOOLEAN, road_access BOOLEAN, food_secure BOOLEAN, "
      + "clothing_secure BOOLEAN, record_key STRING";
  static final String MEMBERS = "household_id STRING, member_no INT, id_number STRING, birth_date DATE, "
      + "medical_insurance BOOLEAN, health STRING, labour_ability STRING, migrant_months INT, record_key STRING";
  static final String CIVIL = "programme STRING, status STRING, death_date DATE, record_key STRING";
  static final String EDUCATION = "enrolment_status STRING, status_date DATE, record_key STRING";
  static final String PAYMENTS = "household_id STRING, programme_code STRING, amount DOUBLE, "
      + "payment_date DATE, record_key STRING";
  static final String CROSSWALK = "record_key STRING, table STRING, person_id STRING";
  static final String PROGRAMMES = "programme_code STRING, transfer_item STRING";

  static Dataset<Row> table(SparkSession spark, String ddl, List<Row> rows) {
    return spark.createDataFrame(rows, StructType.fromDDL(ddl));
  }

  static Row household(String id, double wage, double dibao, double cost, String grade) {
    return RowFactory.create(id, "630222", "民和", "630222100", "川口镇", "630222100201", "一村",
        "王小明", null, "ordinary", "illness", List.of(), "not_exited", 2014, null, 3,
        wage, 0.0, dibao, 0.0, 0.0, 0.0, 0.0, 0.0, cost, grade, true, true, true, true, true,
        "households:h.csv:" + id);
  }

  static Row member(String hh, int no, LocalDate birth, Boolean insured, String key) {
    return RowFactory.create(hh, no, null, birth == null ? null : Date.valueOf(birth), insured,
        "healthy", "ordinary", 0, key);
  }

  @BeforeAll
  static void build() {
    SparkSession spark = TestSpark.get();
    Dataset<Row> households = table(spark, HOUSEHOLDS, List.of(
        household("H1", 9000, 0, 1000, "A"),
        household("H2", 4000, 2000, 0, "C")));
    Dataset<Row> members = table(spark, MEMBERS, List.of(
        member("H1", 1, LocalDate.of(1970, 1, 1), true, "m:1"),
        member("H1", 2, LocalDate.of(1940, 1, 1), true, "m:2"),      // deceased
        member("H1", 3, LocalDate.of(2014, 6, 1), true, "m:3"),      // age 12, dropped out
        member("H2", 1, LocalDate.of(1980, 1, 1), false, "m:4"),     // uninsured
        member("H2", 2, LocalDate.of(2012, 3, 1), null, "m:5"),      // age 14, enrolled
        member("H2", 3, LocalDate.of(2023, 3, 1), true, "m:6")));    // age 3
    Dataset<Row> civil = table(spark, CIVIL, List.of(
        RowFactory.create("death_registration", "active", Date.valueOf("2026-03-01"), "c:1"),
        RowFactory.create("dibao", "active", null, "c:2"),
        // A death dated after the run date does not count yet.
        RowFactory.create("death_registration", "active", Date.valueOf("2026-12-31"), "c:3")));
    Dataset<Row> education = table(spark, EDUCATION, List.of(
        RowFactory.create("enrolled", Date.valueOf("2025-09-01"), "e:1"),
        RowFactory.create("dropped_out", Date.valueOf("2026-04-01"), "e:2"),
        RowFactory.create("enrolled", Date.valueOf("2026-09-01"), "e:3")));
    Dataset<Row> payments = table(spark, PAYMENTS, List.of(
        RowFactory.create(null, "DIBAO", 500.0, Date.valueOf("2026-10-01"), "p:1"),
        RowFactory.create("H2", "DIBAO", 700.0, Date.valueOf("2026-05-01"), "p:2"),
        // Outside the twelve months before the run date.
        RowFactory.create("H2", "DIBAO", 999.0, Date.valueOf("2025-01-01"), "p:3"),
        // Not a transfer the household reports.
        RowFactory.create("H2", "INDUSTRY", 5000.0, Date.valueOf("2026-05-01"), "p:4")));
    Dataset<Row> crosswalk = table(spark, CROSSWALK, List.of(
        RowFactory.create("m:1", "members", "P1"), RowFactory.create("m:2", "members", "P2"),
        RowFactory.create("m:3", "members", "P3"), RowFactory.create("m:4", "members", "P4"),
        RowFactory.create("m:5", "members", "P5"), RowFactory.create("m:6", "members", "P6"),
        RowFactory.create("c:1", "civil_affairs", "P2"), RowFactory.create("c:2", "civil_affairs", "P4"),
        RowFactory.create("c:3", "civil_affairs", "P1"), RowFactory.create("e:1", "education", "P3"),
        RowFactory.create("e:2", "education", "P3"), RowFactory.create("e:3", "education", "P5"),
        RowFactory.create("p:1", "finance_payments", "P4"), RowFactory.create("p:2", "finance_payments", "P4"),
        RowFactory.create("p:3", "finance_payments", "P4"), RowFactory.create("p:4", "finance_payments", "P4")));
    Dataset<Row> programmes = table(spark, PROGRAMMES, List.of(
        RowFactory.create("DIBAO", "transfer_dibao"), RowFactory.create("INDUSTRY", null)));
    Dataset<Row> features = HouseholdFeatures.build(spark,
        new HouseholdFeatures.Inputs(households, members, civil, education, payments, crosswalk, programmes), RUN);
    byHousehold = features.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("household_id"), r -> r));
  }

  @Test
  void deceasedMembersAreNotCountedAsLiving() {
    Row h1 = byHousehold.get("H1");
    assertThat((int) h1.getAs("registered_members")).isEqualTo(3);
    assertThat((int) h1.getAs("deceased_members")).isEqualTo(1);
    assertThat((int) h1.getAs("living_members")).isEqualTo(2);
    // A death registered for a date after the run date leaves the person living.
    assertThat((int) byHousehold.get("H2").getAs("living_members")).isEqualTo(3);
  }

  @Test
  void perCapitaIncomeIsOverLivingMembers() {
    assertThat((double) byHousehold.get("H1").getAs("per_capita_net_income")).isEqualTo(4000.0);
    assertThat((double) byHousehold.get("H2").getAs("per_capita_net_income")).isEqualTo(2000.0);
  }

  @Test
  void dropoutCountsAsOutOfSchoolAndTheLatestRecordDecides() {
    Row h1 = byHousehold.get("H1");
    assertThat((int) h1.getAs("school_age_children")).isEqualTo(1);
    assertThat((int) h1.getAs("children_out_of_school")).isEqualTo(1);
    assertThat((int) h1.getAs("children_dropped_out")).isEqualTo(1);
    Row h2 = byHousehold.get("H2");
    assertThat((int) h2.getAs("school_age_children")).isEqualTo(1);
    assertThat((int) h2.getAs("children_out_of_school")).isZero();
    assertThat((int) h2.getAs("young_children")).isEqualTo(1);
  }

  @Test
  void medicalInsuranceGapsAndCivilStatuses() {
    Row h2 = byHousehold.get("H2");
    assertThat((int) h2.getAs("members_without_medical_insurance")).isEqualTo(1);
    assertThat((int) h2.getAs("members_medical_insurance_unknown")).isEqualTo(1);
    assertThat((boolean) h2.getAs("on_dibao")).isTrue();
    assertThat((boolean) byHousehold.get("H1").getAs("on_dibao")).isFalse();
  }

  @Test
  void financeTransfersOfTheLastTwelveMonthsAreSetBesideReportedOnes() {
    Row h2 = byHousehold.get("H2");
    assertThat((double) h2.getAs("reported_transfers")).isEqualTo(2000.0);
    assertThat((double) h2.getAs("finance_transfers_paid")).isEqualTo(1200.0);
  }

  @Test
  void aCrosswalkWithoutItsTableColumnIsRefusedByName() {
    Dataset<Row> old = table(TestSpark.get(), "record_key STRING, person_id STRING", List.of(RowFactory.create("m:1", "P1")));
    Dataset<Row> empty = old.limit(0);
    assertThatThrownBy(() -> new HouseholdFeatures.Inputs(empty, empty, empty, empty, empty, old, empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("person crosswalk to have column 'table'");
  }

  @Test
  void everyFeatureIsTraceableToItsSourceRecords() {
    List<String> h1 = byHousehold.get("H1").getList(byHousehold.get("H1").fieldIndex("source_records"));
    assertThat(h1).contains("households:h.csv:H1", "m:1", "m:2", "m:3", "c:1", "e:1", "e:2");
    List<String> h2 = byHousehold.get("H2").getList(byHousehold.get("H2").fieldIndex("source_records"));
    assertThat(h2).contains("c:2", "p:1", "p:2").doesNotContain("p:3", "p:4");
  }
}
