package io.jingzhun.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class PublishedContractsTest {
  private static String contract(String columns) {
    return "{\"name\": \"t\", \"description\": \"a table\", \"columns\": [" + columns + "]}";
  }

  @Test
  void theTestContractsLoadWithTheirMarkers() {
    PublishedContract c = PublishFixtures.CONTRACTS.forTable("household_scores");
    assertThat(c.columnNames()).startsWith("household_pseudonym", "head_pseudonym", "head_name_masked");
    assertThat(c.key()).containsExactly("household_pseudonym");
    assertThat(c.columns().get(0).pseudonym()).contains("household");
    assertThat(c.columns().get(2).masked()).contains("name");
    assertThat(c.columns().get(7).dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.StringType, true));
    assertThat(c.columns().get(0).labelZh()).isEqualTo("户假名");
  }

  @Test
  void typesAreParsed() {
    assertThat(PublishedContracts.dataType("long")).isEqualTo(DataTypes.LongType);
    assertThat(PublishedContracts.dataType("integer")).isEqualTo(DataTypes.IntegerType);
    assertThat(PublishedContracts.dataType("decimal(12,2)")).isEqualTo(DataTypes.createDecimalType(12, 2));
    assertThat(PublishedContracts.dataType("array<date>")).isEqualTo(DataTypes.createArrayType(DataTypes.DateType, true));
    assertThat(PublishedContracts.dataType("varchar")).isNull();
  }

  @Test
  void errorsNameTheFileAndTheField() {
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", contract(
            "{\"name\": \"a\", \"type\": \"text\", \"description\": \"d\"}")))
        .hasMessageStartingWith("x.json: columns[0].type: unknown type 'text' (expected one of string, integer");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", contract(
            "{\"name\": \"a\", \"type\": \"string\"}")))
        .hasMessage("x.json: columns[0].description: required, missing");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", contract(
            "{\"name\": \"a\", \"type\": \"string\", \"description\": \"d\", \"pii\": true}")))
        .hasMessageStartingWith("x.json: columns[0].pii: unknown field");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", contract(
            "{\"name\": \"a\", \"type\": \"long\", \"description\": \"d\", \"pseudonym\": \"person\"}")))
        .hasMessage("x.json: columns[0].type: a pseudonym or masked column must be string");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", contract(
            "{\"name\": \"a\", \"type\": \"string\", \"description\": \"d\", \"masked\": \"address\"}")))
        .hasMessageStartingWith("x.json: columns[0].masked: expected one of");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", contract(
            "{\"name\": \"a\", \"type\": \"string\", \"description\": \"d\"}, {\"name\": \"a\", \"type\": \"string\", \"description\": \"d\"}")))
        .hasMessage("x.json: columns[1].name: column 'a' is listed twice");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", "{\"name\": \"t\", \"description\": \"d\", \"columns\": []}"))
        .hasMessage("x.json: columns: expected a non-empty list of columns");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", "{\"name\": \"t\", \"description\": \"d\", \"key\": [\"b\"], "
            + "\"columns\": [{\"name\": \"a\", \"type\": \"string\", \"description\": \"d\"}]}"))
        .hasMessage("x.json: key[0]: 'b' is not a column");
    assertThatThrownBy(() -> PublishedContracts.parse("x.json", "{not json"))
        .hasMessageStartingWith("x.json: not valid JSON");
  }
}
