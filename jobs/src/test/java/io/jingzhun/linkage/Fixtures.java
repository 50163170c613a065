package io.jingzhun.linkage;

import io.jingzhun.common.TestSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Hand-made staged tables with exactly the staged column names of schemas/README.md. Rows are
 * SQL literals so a test reads like the table it builds.
 */
public final class Fixtures {
  public static final String MEMBER_COLS =
      "record_key STRING, household_id STRING, member_no INT, name STRING, name_normalised STRING, id_number STRING,"
          + " id_number_normalised STRING, id_number_issue STRING, gender STRING, birth_date DATE, ethnicity STRING,"
          + " relation STRING, student_status STRING, source_file STRING, source_line INT";
  public static final String HOUSEHOLD_COLS =
      "record_key STRING, household_id STRING, county_code STRING, township_code STRING, village_code STRING,"
          + " attribute STRING, status STRING, transfer_dibao DOUBLE, transfer_tekun DOUBLE, transfer_pension DOUBLE,"
          + " transfer_eco_compensation DOUBLE, transfer_other DOUBLE";
  public static final String CIVIL_COLS =
      "record_key STRING, record_id STRING, id_number STRING, id_number_normalised STRING, name STRING,"
          + " name_normalised STRING, gender STRING, birth_date DATE, programme STRING, status STRING,"
          + " start_date DATE, end_date DATE, monthly_amount DOUBLE, death_date DATE, county_code STRING,"
          + " village_code STRING";
  public static final String EDUCATION_COLS =
      "record_key STRING, student_id_number STRING, student_id_number_normalised STRING, name STRING,"
          + " name_normalised STRING, gender STRING, birth_date DATE, school_code STRING, stage STRING,"
          + " enrolment_status STRING, status_date DATE, village_code STRING, county_code STRING";
  public static final String PAYMENT_COLS =
      "record_key STRING, payment_id STRING, recipient_id_number STRING, recipient_id_number_normalised STRING,"
          + " recipient_name STRING, recipient_name_normalised STRING, household_id STRING, programme_code STRING,"
          + " amount DOUBLE, payment_date DATE, county_code STRING";
  public static final String PAYROLL_COLS =
      "record_key STRING, id_number STRING, id_number_normalised STRING, name STRING, name_normalised STRING,"
          + " employer STRING, county_code STRING";

  private Fixtures() {}

  /** A table from a schema (DDL) and rows of SQL literals, e.g. {@code "'a', 1, DATE'2020-01-01'"}. */
  public static Dataset<Row> table(String ddl, List<String> rows) {
    SparkSession spark = TestSpark.get();
    if (rows.isEmpty()) {
      return spark.createDataFrame(new ArrayList<Row>(), org.apache.spark.sql.types.StructType.fromDDL(ddl));
    }
    List<String> names = new ArrayList<>();
    List<String> casts = new ArrayList<>();
    for (String field : ddl.split(",\\s*")) {
      String[] nt = field.trim().split("\\s+");
      names.add("`" + nt[0] + "`");
      casts.add("CAST(`" + nt[0] + "` AS " + nt[1] + ") AS `" + nt[0] + "`");
    }
    String values = String.join(", ", rows.stream().map(r -> "(" + r + ")").toList());
    return spark.sql("SELECT " + String.join(", ", casts) + " FROM VALUES " + values + " AS t("
        + String.join(", ", names) + ")");
  }

  /** A valid 18-character ID for an address, birth date (yyyyMMdd) and sequence (odd = male). */
  public static String id(String address, String birth, String sequence) {
    String first17 = address + birth + sequence;
    return first17 + io.jingzhun.identity.ResidentIds.checkCharacter(first17);
  }
}
