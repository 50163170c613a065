package io.jingzhun.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnNormalisationTest {
  private static final LocalDate RUN = LocalDate.of(2024, 6, 30);
  private final ExtractContract households = ExtractContracts.load("households");
  private final ExtractContract members = ExtractContracts.load("members");

  private FieldValue households(String column, String text) {
    return households.column(column).orElseThrow().normalise(text, RUN);
  }

  private FieldValue members(String column, String text) {
    return members.column(column).orElseThrow().normalise(text, RUN);
  }

  @Test
  void stringsAreTrimmedAndFullWidthBecomesAscii() {
    assertThat(households("village_name", "  Ｍａ家村（一社）\u3000").value(0)).isEqualTo("Ma家村(一社)");
    assertThat(households("village_name", "   ").value(0)).isNull();
    assertThat(households("village_name", "   ").usable()).isTrue();
  }

  @Test
  void stringPatternIsEnforced() {
    assertThat(households("household_id", "６３０２２２０１").value(0)).isEqualTo("63022201");
    assertThat(households("household_id", "630-22").reason()).isEqualTo("BAD_FORMAT:household_id");
  }

  @Test
  void requiredBlankIsMissing() {
    assertThat(households("household_id", " ").reason()).isEqualTo("MISSING_VALUE:household_id");
    assertThat(households("household_id", null).reason()).isEqualTo("MISSING_VALUE:household_id");
    assertThat(households("head_name", "").reason()).isEqualTo("MISSING_VALUE:head_name");
  }

  @ParameterizedTest
  @CsvSource({"4,4", "４,4", "' 5 ',5", "3.0,3", "+7,7", "007,7", "6.,6"})
  void integers(String text, int expected) {
    FieldValue v = households("registered_size", text);
    assertThat(v.usable()).isTrue();
    assertThat(v.value(0)).isEqualTo(expected);
  }

  @Test
  void integerErrors() {
    assertThat(households("registered_size", "四").reason()).isEqualTo("BAD_NUMBER:registered_size");
    assertThat(households("registered_size", "3.5").reason()).isEqualTo("BAD_NUMBER:registered_size");
    assertThat(households("registered_size", "0").reason()).isEqualTo("OUT_OF_RANGE:registered_size");
    assertThat(households("registered_size", "31").reason()).isEqualTo("OUT_OF_RANGE:registered_size");
    assertThat(households("registered_size", "99999999999").reason()).isEqualTo("OUT_OF_RANGE:registered_size");
  }

  @ParameterizedTest
  @CsvSource({"'12,345.50',12345.5", "'１２，３４５',12345", "3000,3000", "0.5,0.5", "1.0E7,10000000",
      "'12.',12", "'.5',0.5", "1.5e3,1500"})
  void decimals(String text, double expected) {
    FieldValue v = households("wage_income", text);
    assertThat(v.usable()).as(text).isTrue();
    assertThat(v.value(0)).isEqualTo(expected);
  }

  @Test
  void decimalErrors() {
    assertThat(households("wage_income", "12,34").reason()).isEqualTo("BAD_NUMBER:wage_income");
    assertThat(households("wage_income", "约3000").reason()).isEqualTo("BAD_NUMBER:wage_income");
    assertThat(households("wage_income", "-1").reason()).isEqualTo("OUT_OF_RANGE:wage_income");
    assertThat(households("wage_income", ".").reason()).isEqualTo("BAD_NUMBER:wage_income");
    assertThat(households("wage_income", "1.2.3").reason()).isEqualTo("BAD_NUMBER:wage_income");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020-03-01", "2020/3/1", "20200301", "2020.03.01", "2020年3月1日", "２０２０-０３-０１",
      "2020-03-01 00:00:00", " 2020-3-1 "})
  void dates(String text) {
    FieldValue v = households("last_visit_date", text);
    assertThat(v.usable()).as(text).isTrue();
    assertThat(v.value(0)).isEqualTo(Date.valueOf(LocalDate.of(2020, 3, 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020-02-30", "2020-13-01", "2020/03-01", "03/01/2020", "去年", "202031", "2020-0a-01",
      "2020-03-1x", "20a0-03-01", "2020-03-01x", "2020--03-01"})
  void badDates(String text) {
    assertThat(households("last_visit_date", text).reason()).as(text).isEqualTo("BAD_DATE:last_visit_date");
  }

  @Test
  void implausibleYearsAreOutOfRange() {
    assertThat(households("last_visit_date", "1066-10-14").reason()).isEqualTo("OUT_OF_RANGE:last_visit_date");
  }

  @ParameterizedTest
  @CsvSource({"是,true", "否,false", "有,true", "无,false", "TRUE,true", "false,false", "1,true", "0,false",
      "Y,true", "n,false", "１,true"})
  void booleans(String text, boolean expected) {
    assertThat(households("safe_water", text).value(0)).isEqualTo(expected);
  }

  @Test
  void badBoolean() {
    assertThat(households("safe_water", "也许").reason()).isEqualTo("BAD_BOOLEAN:safe_water");
  }

  @ParameterizedTest
  @CsvSource({"一般贫困户,ordinary", "' 低保户 ',dibao", "五保户,tekun", "ORDINARY,ordinary", "tekun,tekun"})
  void codesBySpellingOrCanonicalCaseInsensitively(String text, String code) {
    assertThat(households("attribute", text).value(0)).isEqualTo(code);
  }

  @Test
  void codeSpellingsAreCaseInsensitive() {
    assertThat(households("housing_grade", "c级").value(0)).isEqualTo("C");
    assertThat(households("housing_grade", "d").value(0)).isEqualTo("D");
    assertThat(members("gender", "m").value(0)).isEqualTo("male");
    assertThat(members("gender", "２").value(0)).isEqualTo("female");
  }

  @Test
  void unknownCode() {
    assertThat(households("attribute", "富裕户").reason()).isEqualTo("UNKNOWN_CODE:attribute");
  }

  @Test
  void codeListsSplitOnEverySeparator() {
    FieldValue v = households("secondary_causes", "因病；缺技术、 缺资金,因病，交通落后");
    assertThat((String[]) v.value(0)).containsExactly("illness", "skills", "capital", "transport");
    assertThat(households("secondary_causes", "因病;发财").reason()).isEqualTo("UNKNOWN_CODE:secondary_causes");
    assertThat(households("secondary_causes", " ; ").value(0)).isNull();
    assertThat(households("secondary_causes", " ; ").usable()).isTrue();
  }

  @Test
  void adminCodesNeedExactlyTheirDigits() {
    assertThat(households("county_code", "６３０２２２").value(0)).isEqualTo("630222");
    assertThat(households("county_code", "63022").reason()).isEqualTo("BAD_FORMAT:county_code");
    assertThat(households("village_code", "630222100").reason()).isEqualTo("BAD_FORMAT:village_code");
    assertThat(households("township_code", "63022210A").reason()).isEqualTo("BAD_FORMAT:township_code");
  }

  @Test
  void personNamesKeepTheTypedFormAndAComparisonForm() {
    FieldValue v = members("name", " 才让•多杰 ");
    assertThat(v.values()).containsExactly("才让•多杰", "才让·多杰");
    FieldValue trad = members("name", "馬德華");
    assertThat(trad.values()).containsExactly("馬德華", "马德华");
    assertThat(members("name", "  ").reason()).isEqualTo("MISSING_VALUE:name");
  }

  @Test
  void residentIdsGiveValidNormalisedAndIssue() {
    assertThat(members("id_number", "11010519491231002x").values())
        .containsExactly("11010519491231002X", "11010519491231002X", null);
    assertThat(members("id_number", "110105491231002").values())
        .containsExactly("11010519491231002X", "11010519491231002X", null);
    assertThat(members("id_number", "４４０５２４１８８００１０１５３６８").values())
        .containsExactly("440524188001015368", "440524188001015368", null);
    assertThat(members("id_number", "110105194912310021").values())
        .containsExactly(null, "110105194912310021", "BAD_CHECK_CHARACTER");
    assertThat(members("id_number", "12345").values()).containsExactly(null, null, "BAD_LENGTH");
    FieldValue missing = members("id_number", "");
    assertThat(missing.values()).containsExactly(null, null, "MISSING");
    assertThat(missing.usable()).as("an invalid or missing ID never quarantines a row").isTrue();
  }

  @Test
  void residentIdBirthDatesAreJudgedAgainstTheRunDate() {
    // Valid number born 2024-07-01: after a 2024-06-30 run date.
    String first17 = "63022220240701001";
    String id = first17 + io.jingzhun.identity.ResidentIds.checkCharacter(first17);
    assertThat(members("id_number", id).value(2)).isEqualTo("BAD_BIRTH_DATE");
  }
}
