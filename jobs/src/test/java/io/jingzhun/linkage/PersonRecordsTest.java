package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PersonRecordsTest {

  @Test
  void paymentsKeepProgrammeAndDateAndTakeBirthDateAndGenderOnlyFromAValidId() {
    String valid = Fixtures.id("630225", "19520428", "831");
    // the address code mistyped (630525 for 630225): the check character no longer holds
    String mistyped = "630525" + valid.substring(6);
    List<String> payments = List.of(
        String.format("'finance_payments:p:1', 'F1', '%s', '%s', '苏占林', '苏占林', NULL, 'TEKUN', 5400, DATE'2025-12-15', '630225'",
            valid, valid),
        String.format("'finance_payments:p:2', 'F2', NULL, '%s', '苏占琳', '苏占琳', NULL, 'TEKUN', 5400, DATE'2026-06-15', '630225'",
            mistyped),
        // not a date where the birth date should be
        "'finance_payments:p:3', 'F3', NULL, '630225195213401234', '苏占琳', '苏占琳', NULL, 'PENSION', 900, DATE'2026-06-15', '630225'",
        // a 15-character remnant
        "'finance_payments:p:4', 'F4', NULL, '630225520428831', '苏占琳', '苏占琳', NULL, 'PENSION', 900, DATE'2026-06-15', '630225'");
    StagedTables staged = name -> name.equals("finance_payments")
        ? Optional.of(Fixtures.table(Fixtures.PAYMENT_COLS, payments)) : Optional.empty();
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : PersonRecords.build(staged).collectAsList()) {
      byKey.put(r.getAs("record_key"), r);
    }
    Row withValidId = byKey.get("finance_payments:p:1");
    assertThat(withValidId.<java.sql.Date>getAs("birth_date").toLocalDate()).isEqualTo(LocalDate.of(1952, 4, 28));
    assertThat(withValidId.<String>getAs("gender")).isEqualTo("male");
    assertThat(withValidId.<String>getAs("programme_code")).isEqualTo("TEKUN");
    assertThat(withValidId.<java.sql.Date>getAs("payment_date").toLocalDate()).isEqualTo(LocalDate.of(2025, 12, 15));

    Row mistypedId = byKey.get("finance_payments:p:2");
    assertThat(mistypedId.<String>getAs("id_number")).isNull();
    assertThat(mistypedId.<String>getAs("id_partial")).isEqualTo(mistyped);
    // The ID comparison scores its characters already: a birth date read from them would count them twice.
    assertThat(mistypedId.<java.sql.Date>getAs("birth_date")).isNull();
    assertThat(mistypedId.<String>getAs("gender")).isNull();
    assertThat(byKey.get("finance_payments:p:3").<java.sql.Date>getAs("birth_date")).isNull();
    assertThat(byKey.get("finance_payments:p:4").<java.sql.Date>getAs("birth_date")).isNull();
  }

  @Test
  void aCivilAffairsRecordCarriesTheFinanceProgrammeThatPaysWhatItApproved() {
    assertThat(PersonRecords.CIVIL_AFFAIRS_PROGRAMME).contains("'tekun' THEN 'TEKUN'").contains("'dibao' THEN 'DIBAO'");
    java.util.Set<String> codes = new java.util.TreeSet<>();
    io.jingzhun.findings.Programmes.load().programmes().forEach(p -> codes.add(p.code()));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("THEN '([A-Z_]+)'").matcher(PersonRecords.CIVIL_AFFAIRS_PROGRAMME);
    while (m.find()) {
      assertThat(codes).as("programme codes of conf/programmes.yaml").contains(m.group(1));
    }
  }
}
