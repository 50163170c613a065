package io.jingzhun.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ExtractContractsTest {

  @Test
  void everyContractLoads() {
    assertThat(ExtractContracts.tables()).containsExactly(
        "civil_affairs", "education", "finance_payments", "finance_payroll", "households", "members");
    for (String t : ExtractContracts.tables()) {
      ExtractContract c = ExtractContracts.load(t);
      assertThat(c.name()).isEqualTo(t);
      assertThat(c.columns()).isNotEmpty();
      assertThat(c.key()).allMatch(k -> c.column(k).isPresent());
    }
  }

  @Test
  void stagedSchemaIsDerivedFromTheContract() {
    StructType s = ExtractContracts.load("members").stagedSchema();
    assertThat(s.fieldNames()).startsWith("household_id", "member_no", "name", "name_normalised", "id_number",
        "id_number_normalised", "id_number_issue", "gender", "birth_date");
    assertThat(Arrays.asList(s.fieldNames())).endsWith("source_file", "source_line", "record_key");
    assertThat(s.apply("member_no").dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(s.apply("birth_date").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(s.apply("medical_insurance").dataType()).isEqualTo(DataTypes.BooleanType);
    assertThat(s.apply("source_line").dataType()).isEqualTo(DataTypes.IntegerType);
    StructType h = ExtractContracts.load("households").stagedSchema();
    assertThat(h.apply("secondary_causes").dataType())
        .isEqualTo(DataTypes.createArrayType(DataTypes.StringType, false));
    assertThat(h.apply("wage_income").dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(h.apply("county_code").dataType()).isEqualTo(DataTypes.StringType);
  }

  @Test
  void recordKeyNamesTableFileAndLine() {
    assertThat(ExtractContracts.load("households").recordKey("households/a.csv", 17))
        .isEqualTo("households:households/a.csv:17");
  }

  @Test
  void unknownTableIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> ExtractContracts.load("vehicles"))
        .hasMessageContaining("schemas/extracts/vehicles.json").hasMessageContaining("households");
  }

  private static String contract(String columns) {
    return "{\"name\":\"t\",\"key\":[\"a\"],\"columns\":[" + columns + "]}";
  }

  @Test
  void badContractsAreRefusedNamingFileAndField() {
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json", contract("{\"name\":\"a\",\"type\":\"text\"}")))
        .hasMessageContaining("x/t.json: columns[0] (a).type: expected one of string, integer");
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json",
        contract("{\"name\":\"a\",\"type\":\"code\",\"values\":{\"m\":[\"男\"],\"f\":[\"男\"]}}")))
        .hasMessageContaining("columns[0] (a).values: spelling '男' means both 'm' and 'f'");
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json",
        contract("{\"name\":\"a\",\"type\":\"string\",\"requried\":true}")))
        .hasMessageContaining("columns[0].requried: unknown field");
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json",
        "{\"name\":\"t\",\"key\":[\"b\"],\"columns\":[{\"name\":\"a\",\"type\":\"string\"}]}"))
        .hasMessageContaining("key[0]: 'b' is not a column");
    assertThatThrownBy(() -> ExtractContracts.parse("x/u.json", contract("{\"name\":\"a\",\"type\":\"string\"}")))
        .hasMessageContaining("x/u.json: name: expected 'u'");
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json",
        contract("{\"name\":\"a\",\"type\":\"admin_code\"}")))
        .hasMessageContaining("(a).digits: expected a positive integer");
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json",
        contract("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"a_normalised\",\"type\":\"string\"},"
            + "{\"name\":\"a\",\"type\":\"person_name\"}")))
        .hasMessageContaining("is produced twice");
    assertThatThrownBy(() -> ExtractContracts.parse("x/t.json",
        contract("{\"name\":\"a\",\"type\":\"integer\",\"min\":5,\"max\":1}")))
        .hasMessageContaining("min 5.0 is greater than max 1.0");
  }
}
