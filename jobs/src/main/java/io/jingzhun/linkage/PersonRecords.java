package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every person-bearing staged record in one shape, the columns the comparison model reads
 * (see {@code conf/linkage/model.yaml}). Members take their place from their household; other
 * sources carry a county and sometimes a village. Birth date and gender fall back to those a valid ID
 * encodes. Payments keep their programme code and date, civil-affairs records the code of the programme
 * that pays them, members their relation to the head of household (what pass 3 of the model may ask of
 * a record).
 */
public final class PersonRecords {
  /** The tables that describe people, and the staged names of their identity columns. */
  public static final List<String> TABLES =
      List.of("members", "civil_affairs", "education", "finance_payments", "finance_payroll");

  /** Columns of the unified records, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "record_key", "source_table", "household_id", "member_no", "name_key", "surname", "given_name",
          "id_number", "id_partial", "birth_date", "birth_year", "gender", "village_code", "township_code",
          "county_code", "programme_code", "payment_date", "relation");

  /** Columns of the records with their persons, as linkage hands them to the findings ({@code person_records}). */
  public static final List<String> WITH_PERSON_COLUMNS = java.util.stream.Stream.concat(COLUMNS.stream(),
      java.util.stream.Stream.of("person_id", "link_pass")).toList();

  /** The finance programme (conf/programmes.yaml) paying what a civil-affairs record approved. */
  static final String CIVIL_AFFAIRS_PROGRAMME = "CASE programme WHEN 'dibao' THEN 'DIBAO' WHEN 'tekun' THEN 'TEKUN'"
      + " WHEN 'disability_subsidy' THEN 'DISABILITY' END";

  private PersonRecords() {}

  /** The unified records of every person-bearing table present. */
  public static Dataset<Row> build(StagedTables staged) {
    List<Dataset<Row>> parts = new ArrayList<>();
    Optional<Dataset<Row>> households = staged.table("households");
    staged.table("members").ifPresent(m -> {
      Dataset<Row> withPlace;
      if (households.isPresent()) {
        Dataset<Row> h = households.get().selectExpr(
            "household_id AS h_household_id", "village_code AS h_village", "township_code AS h_township",
            "county_code AS h_county");
        withPlace = m.join(h, m.col("household_id").equalTo(h.col("h_household_id")), "left");
      } else {
        withPlace = m.selectExpr("*", "CAST(NULL AS STRING) AS h_village", "CAST(NULL AS STRING) AS h_township",
            "CAST(NULL AS STRING) AS h_county");
      }
      parts.add(shape(withPlace, "members", "household_id", "CAST(member_no AS INT)", "name_normalised",
          "id_number", "id_number_normalised", "birth_date", "gender", "h_village", "h_township", "h_county", "NULL",
          "NULL", "relation"));
    });
    // A civil-affairs record carries the finance programme that pays what it approved.
    staged.table("civil_affairs").ifPresent(t -> parts.add(shape(t, "civil_affairs", "NULL", "NULL",
        "name_normalised", "id_number", "id_number_normalised", "birth_date", "gender", "village_code",
        "substr(village_code, 1, 9)", "county_code", CIVIL_AFFAIRS_PROGRAMME, "NULL", "NULL")));
    staged.table("education").ifPresent(t -> parts.add(shape(t, "education", "NULL", "NULL",
        "name_normalised", "student_id_number", "student_id_number_normalised", "birth_date", "gender",
        "village_code", "substr(village_code, 1, 9)", "coalesce(county_code, substr(village_code, 1, 6))", "NULL",
        "NULL", "NULL")));
    staged.table("finance_payments").ifPresent(t -> parts.add(shape(t, "finance_payments", "household_id", "NULL",
        "recipient_name_normalised", "recipient_id_number", "recipient_id_number_normalised", "NULL", "NULL",
        "NULL", "NULL", "county_code", "programme_code", "payment_date", "NULL")));
    staged.table("finance_payroll").ifPresent(t -> parts.add(shape(t, "finance_payroll", "NULL", "NULL",
        "name_normalised", "id_number", "id_number_normalised", "NULL", "NULL", "NULL", "NULL", "county_code", "NULL", "NULL", "NULL")));
    if (parts.isEmpty()) {
      throw new IllegalStateException("no person-bearing staged table found (expected some of " + TABLES + ")");
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all;
  }

  private static Dataset<Row> shape(Dataset<Row> t, String table, String household, String memberNo,
      String name, String id, String idNormalised, String birthDate, String gender, String village,
      String township, String county, String programme, String paymentDate, String relation) {
    Dataset<Row> base = t.selectExpr(
        "record_key",
        "'" + table + "' AS source_table",
        "CAST(" + household + " AS STRING) AS household_id",
        "CAST(" + memberNo + " AS INT) AS member_no",
        // The comparison form without middle dots: 才让·多杰 and 才让多杰 are the same name.
        "nullif(regexp_replace(" + name + ", '\u00B7', ''), '') AS name_key",
        "CAST(" + name + " AS STRING) AS name_with_dot",
        "CAST(" + id + " AS STRING) AS id_number",
        "CAST(" + idNormalised + " AS STRING) AS id_partial",
        "CAST(" + birthDate + " AS DATE) AS recorded_birth_date",
        "CAST(" + gender + " AS STRING) AS recorded_gender",
        "CAST(" + village + " AS STRING) AS village_code",
        "CAST(" + township + " AS STRING) AS township_code",
        "CAST(" + county + " AS STRING) AS county_code",
        "CAST(" + programme + " AS STRING) AS programme_code",
        "CAST(" + paymentDate + " AS DATE) AS payment_date",
        "CAST(" + relation + " AS STRING) AS relation");
    Column[] cols = Arrays.asList(
        expr("record_key"), expr("source_table"), expr("household_id"), expr("member_no"), expr("name_key"),
        expr("CASE WHEN name_with_dot LIKE '%\u00B7%' THEN substring_index(name_with_dot, '\u00B7', 1)"
            + " ELSE substr(name_key, 1, 1) END").as("surname"),
        expr("CASE WHEN name_with_dot LIKE '%\u00B7%' THEN substr(name_with_dot, length(substring_index(name_with_dot, '\u00B7', 1)) + 2)"
            + " ELSE substr(name_key, 2) END").as("given_name"),
        expr("id_number"), expr("id_partial"),
        // Only a valid ID's birth date. One taken from an ID failing its check would count the same
        // characters twice: the ID comparison already scores them (one or two characters different).
        // On 1M generated households that sum linked 240 public employees, whose mistyped IDs fell
        // within two characters of a member's born the same day, to members of another name.
        expr("coalesce(recorded_birth_date, to_date(substr(id_number, 7, 8), 'yyyyMMdd'))").as("birth_date"),
        expr("CAST(NULL AS INT)").as("birth_year"),
        expr("coalesce(recorded_gender, CASE WHEN id_number IS NULL THEN NULL"
            + " WHEN CAST(substr(id_number, 17, 1) AS INT) % 2 = 1 THEN 'male' ELSE 'female' END)").as("gender"),
        expr("village_code"), expr("township_code"), expr("county_code"), expr("programme_code"),
        expr("payment_date"), expr("relation"))
        .toArray(new Column[0]);
    return base.select(cols).withColumn("birth_year", expr("year(birth_date)"));
  }
}
