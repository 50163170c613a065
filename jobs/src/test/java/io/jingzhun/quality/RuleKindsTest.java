package io.jingzhun.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of rule passes on good data and fails on crafted bad data, with the failing rows counted. */
class RuleKindsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final ReferenceLists REFS = ReferenceLists.of(Map.of(
      "conf/programmes.yaml", "programmes:\n  - code: DIBAO\n    poverty_targeted: true\n  - code: PENSION\n",
      "conf/admin-codes.yaml", "counties: ['630222']\n"));

  @TempDir Path dir;

  private RuleResult only(String table, String layer, String ruleYaml, Dataset<Row> data,
      Map<String, Dataset<Row>> others) {
    RuleFile file = RuleFiles.parse("test/" + table + ".yaml",
        "table: " + table + "\nlayer: " + layer + "\nrules:\n" + ruleYaml);
    try (TableCheck.Outcome o = new TableCheck(file, REFS, n -> Optional.ofNullable(others.get(n)))
        .run(data, DAY, new MetricsHistory(TestSpark.get(), dir.resolve("metrics.json").toUri().toString()))) {
      assertThat(o.results()).hasSize(1);
      return o.results().get(0);
    }
  }

  private RuleResult staged(String table, String ruleYaml, Dataset<Row> data) {
    return only(table, "staged", ruleYaml, data, Map.of());
  }

  @Test
  void completeness() {
    String rule = "  - {name: head_name_complete, kind: completeness, column: head_name, level: error}\n";
    assertThat(staged("households", rule, StagedTables.build("households", 6, null)).passed()).isTrue();
    RuleResult bad = staged("households", rule,
        StagedTables.build("households", 6, (i, v) -> v.put("head_name", i < 2 ? null : v.get("head_name"))));
    assertThat(bad.status()).isEqualTo(RuleResult.FAILED);
    assertThat(bad.failingRows()).isEqualTo(2);
    assertThat(bad.value()).isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void completenessWithAllowedShare() {
    String rule = "  - {name: head_name_complete, kind: completeness, column: head_name, level: error, min_share: 0.6}\n";
    RuleResult r = staged("households", rule,
        StagedTables.build("households", 6, (i, v) -> v.put("head_name", i < 2 ? null : v.get("head_name"))));
    assertThat(r.passed()).isTrue();
    assertThat(r.failingRows()).isEqualTo(2);
  }

  @Test
  void uniquenessOverSeveralColumns() {
    String rule = "  - {name: member_key_unique, kind: uniqueness, columns: [household_id, member_no], level: error}\n";
    assertThat(staged("members", rule, StagedTables.build("members", 9, null)).passed()).isTrue();
    RuleResult bad = staged("members", rule,
        StagedTables.build("members", 9, (i, v) -> v.put("member_no", i == 1 ? 1 : v.get("member_no"))));
    assertThat(bad.passed()).isFalse();
    assertThat(bad.failingRows()).as("both rows of the duplicated key").isEqualTo(2);
    assertThat(bad.samples()).hasSize(2);
    assertThat(bad.value()).as("share of rows whose key occurs once").isCloseTo(7 / 9.0, org.assertj.core.api.Assertions.within(1e-9));
    String tolerant = rule.replace("level: error}", "level: error, min_share: 0.75}");
    assertThat(staged("members", tolerant,
        StagedTables.build("members", 9, (i, v) -> v.put("member_no", i == 1 ? 1 : v.get("member_no")))).passed())
        .as("7 of 9 rows unique, at least 75% asked").isTrue();
  }

  @Test
  void allowedValuesFromContractIncludingCodeLists() {
    String rule = "  - {name: attribute_known, kind: allowed_values, column: attribute, values_from: contract, level: error}\n";
    assertThat(staged("households", rule, StagedTables.build("households", 4, null)).passed()).isTrue();
    assertThat(staged("households", rule,
        StagedTables.build("households", 4, (i, v) -> v.put("attribute", i == 0 ? "rich" : "dibao")))
        .failingRows()).isEqualTo(1);
    String list = "  - {name: causes_known, kind: allowed_values, column: secondary_causes, values_from: contract, level: error}\n";
    assertThat(staged("households", list, StagedTables.build("households", 4, null)).passed()).isTrue();
    RuleResult bad = staged("households", list, StagedTables.build("households", 4,
        (i, v) -> v.put("secondary_causes", i == 3 ? new String[] {"illness", "bad_luck"} : v.get("secondary_causes"))));
    assertThat(bad.passed()).isFalse();
    assertThat(bad.failingRows()).isEqualTo(1);
  }

  @Test
  void allowedValuesFromAnExplicitListAndFromReferenceFiles() {
    String explicit = "  - {name: grade_known, kind: allowed_values, column: housing_grade, values: [A, B], level: warning}\n";
    RuleResult r = staged("households", explicit,
        StagedTables.build("households", 4, (i, v) -> v.put("housing_grade", i == 0 ? "C" : "B")));
    assertThat(r.passed()).isFalse();
    assertThat(r.level()).isEqualTo(Level.WARNING);
    assertThat(r.blocks()).isFalse();

    String programmes = "  - {name: programme_known, kind: allowed_values, column: programme_code, values_from: programmes, level: error}\n";
    assertThat(staged("finance_payments", programmes, StagedTables.build("finance_payments", 4,
        (i, v) -> v.put("programme_code", i == 0 ? "PENSION" : "DIBAO"))).passed()).isTrue();
    assertThat(staged("finance_payments", programmes, StagedTables.build("finance_payments", 4,
        (i, v) -> v.put("programme_code", i == 0 ? "LOTTERY" : "DIBAO"))).failingRows()).isEqualTo(1);

    String counties = "  - {name: county_known, kind: allowed_values, column: county_code, values_from: 'admin_codes:counties', level: error}\n";
    assertThat(staged("households", counties, StagedTables.build("households", 3, null)).passed()).isTrue();
    assertThat(staged("households", counties, StagedTables.build("households", 3,
        (i, v) -> v.put("county_code", i == 0 ? "110105" : "630222"))).passed()).isFalse();
  }

  @Test
  void range() {
    String rule = "  - {name: size_plausible, kind: range, column: registered_size, min: 1, max: 20, level: error}\n";
    assertThat(staged("households", rule, StagedTables.build("households", 5, null)).passed()).isTrue();
    RuleResult bad = staged("households", rule,
        StagedTables.build("households", 5, (i, v) -> v.put("registered_size", i == 4 ? 25 : 3)));
    assertThat(bad.passed()).isFalse();
    assertThat(bad.failingRows()).isEqualTo(1);
    assertThat(bad.samples().get(0)).containsEntry("registered_size", "25");
  }

  @Test
  void idValidityRateWithMaskedSamples() {
    String rule = "  - {name: head_id_valid, kind: id_validity, column: head_id_number, count_missing: true, min_share: 0.75, level: error}\n";
    assertThat(staged("households", rule, StagedTables.build("households", 8, (i, v) -> {
      if (i == 0) {
        v.put("head_id_number", null);
        v.put("head_id_number_issue", "BAD_CHECK_CHARACTER");
      }
    })).passed()).as("7 of 8 valid").isTrue();
    RuleResult bad = staged("households", rule, StagedTables.build("households", 8, (i, v) -> {
      if (i < 3) {
        v.put("head_id_number", null);
        v.put("head_id_number_issue", "BAD_CHECK_CHARACTER");
      }
    }));
    assertThat(bad.passed()).as("5 of 8 valid").isFalse();
    assertThat(bad.value()).isCloseTo(5.0 / 8, org.assertj.core.data.Offset.offset(1e-9));
    String shown = bad.samples().get(0).get("head_id_number_normalised");
    assertThat(shown).isEqualTo(io.jingzhun.identity.ResidentIds.mask(StagedTables.validId(0))).contains("********");
  }

  @Test
  void missingIdsCountOnlyWhenAsked() {
    String lenient = "  - {name: id_valid, kind: id_validity, column: id_number, level: error}\n";
    RuleResult r = staged("civil_affairs", lenient, StagedTables.build("civil_affairs", 4, (i, v) -> {
      v.put("id_number", null);
      v.put("id_number_issue", "MISSING");
    }));
    assertThat(r.passed()).isTrue();
  }

  @Test
  void referentialIntegrity() {
    Dataset<Row> households = StagedTables.build("households", 3, null);
    String rule = "  - {name: member_of_known_household, kind: references, column: household_id, table: households, level: error}\n";
    assertThat(only("members", "staged", rule, StagedTables.build("members", 9, null),
        Map.of("households", households)).passed()).isTrue();
    RuleResult bad = only("members", "staged", rule, StagedTables.build("members", 12, null),
        Map.of("households", households));
    assertThat(bad.passed()).isFalse();
    assertThat(bad.failingRows()).as("the fourth household's three members").isEqualTo(3);
    RuleResult missing = only("members", "staged", rule, StagedTables.build("members", 3, null), Map.of());
    assertThat(missing.status()).isEqualTo(RuleResult.NOT_EVALUATED);
    assertThat(missing.blocks()).isTrue();
  }

  @Test
  void prefix() {
    String rule = "  - {name: village_in_township, kind: prefix, column: village_code, prefix_column: township_code, level: error}\n";
    assertThat(staged("households", rule, StagedTables.build("households", 3, null)).passed()).isTrue();
    assertThat(staged("households", rule, StagedTables.build("households", 3,
        (i, v) -> v.put("village_code", i == 2 ? "630223101001" : v.get("village_code")))).failingRows()).isEqualTo(1);
  }

  private static Dataset<Row> counties(double... hAndAAndM0) {
    StructType schema = new StructType().add("county_code", DataTypes.StringType).add("H", DataTypes.DoubleType)
        .add("A", DataTypes.DoubleType).add("M0", DataTypes.DoubleType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < hAndAAndM0.length; i += 3) {
      rows.add(RowFactory.create("63022" + i / 3, hAndAAndM0[i], hAndAAndM0[i + 1], hAndAAndM0[i + 2]));
    }
    return TestSpark.get().createDataFrame(rows, schema);
  }

  @Test
  void outputProductAndUnitInterval() {
    String product = "  - {name: m0_is_h_times_a, kind: product, column: M0, factors: [H, A], tolerance: 0.000001, level: error}\n";
    assertThat(only("county_index", "output", product, counties(0.5, 0.75, 0.375, 0.25, 1, 0.25), Map.of())
        .passed()).isTrue();
    assertThat(only("county_index", "output", product, counties(0.5, 0.75, 0.375, 0.25, 1, 0.3), Map.of())
        .failingRows()).isEqualTo(1);
    String unit = "  - {name: h_in_unit_interval, kind: range, column: H, min: 0, max: 1, level: error}\n";
    assertThat(only("county_index", "output", unit, counties(0.5, 0.75, 0.375), Map.of()).passed()).isTrue();
    assertThat(only("county_index", "output", unit, counties(1.5, 0.75, 1.125), Map.of()).passed()).isFalse();
  }

  @Test
  void rowCountConsistentWithAnInputTable() {
    String rule = "  - {name: one_row_per_county, kind: row_count, like_table: counties_in, tolerance: 0, level: error}\n";
    Dataset<Row> two = counties(0.5, 0.75, 0.375, 0.25, 1, 0.25);
    assertThat(only("county_index", "output", rule, two, Map.of("counties_in", two)).passed()).isTrue();
    RuleResult bad = only("county_index", "output", rule, counties(0.5, 0.75, 0.375), Map.of("counties_in", two));
    assertThat(bad.passed()).isFalse();
    assertThat(bad.value()).isEqualTo(1.0);
  }

  @Test
  void aRuleOnAColumnTheTableLacksIsNotEvaluatedAndBlocks() {
    String rule = "  - {name: score_in_unit_interval, kind: range, column: score, min: 0, max: 1, level: error}\n";
    RuleResult r = only("household_index", "output", rule, counties(0.5, 0.75, 0.375), Map.of());
    assertThat(r.status()).isEqualTo(RuleResult.NOT_EVALUATED);
    assertThat(r.message()).contains("no column score");
    assertThat(r.blocks()).isTrue();
  }
}
