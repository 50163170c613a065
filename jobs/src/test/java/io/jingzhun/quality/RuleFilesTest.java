package io.jingzhun.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule files load, and a wrong one is refused with the file and the field named. */
class RuleFilesTest {
  @Test
  void everyProjectRuleFileLoads() {
    List<RuleFile> files = RuleFiles.loadAll();
    assertThat(files).extracting(RuleFile::table).contains("households", "members", "civil_affairs", "education",
        "finance_payments", "finance_payroll", "household_index", "county_index");
    RuleFile households = RuleFiles.load("households");
    assertThat(households.staged()).isTrue();
    assertThat(households.rules()).extracting(Rule::kind).contains(RuleKind.COMPLETENESS, RuleKind.UNIQUENESS,
        RuleKind.ALLOWED_VALUES, RuleKind.RANGE, RuleKind.ID_VALIDITY, RuleKind.PREFIX);
    assertThat(RuleFiles.load("members").rules()).extracting(Rule::kind).contains(RuleKind.REFERENCES);
    assertThat(RuleFiles.load("county_index").rules()).extracting(Rule::kind).contains(RuleKind.PRODUCT);
    assertThat(RuleFiles.load("household_index").rules()).extracting(Rule::kind).contains(RuleKind.ROW_COUNT);
  }

  private static String file(String rules) {
    return "table: households\nlayer: staged\nrules:\n" + rules;
  }

  @Test
  void errorsNameTheFileAndTheField() {
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: completeness, column: household_id, level: fatal}\n")))
        .hasMessage("conf/quality/households.yaml: rules[0].level: expected error or warning, got 'fatal'");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: completeness, column: household_id, level: error}\n"
            + "  - {name: b, kind: sameness, column: household_id, level: error}\n")))
        .hasMessageStartingWith("conf/quality/households.yaml: rules[1].kind: expected one of [completeness,");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: completeness, column: houshold_id, level: error}\n")))
        .hasMessage("conf/quality/households.yaml: rules[0].column: no staged column 'houshold_id' in contract "
            + "schemas/extracts/households.json");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: range, column: registered_size, min: 5, max: 1, level: error}\n")))
        .hasMessageContaining("rules[0].max: expected max >= min");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: id_validity, column: head_name, level: error}\n")))
        .hasMessageContaining("rules[0].column: expected a resident_id column, 'head_name' is person_name");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: allowed_values, column: attribute, level: error}\n")))
        .hasMessageContaining("rules[0].values: expected either values (a list) or values_from");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: completeness, column: household_id, level: error, min_share: 2}\n")))
        .hasMessageContaining("rules[0].min_share: expected a share between 0 and 1");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml",
        file("  - {name: a, kind: completeness, column: household_id, level: error, treshold: 1}\n")))
        .hasMessageContaining("rules[0].treshold: unknown field");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/households.yaml", "table: households\nlayer: staged\n"))
        .hasMessage("conf/quality/households.yaml: rules: expected a non-empty list of rules");
    assertThatThrownBy(() -> RuleFiles.parse("conf/quality/members.yaml", file(
        "  - {name: a, kind: completeness, column: household_id, level: error}\n")))
        .hasMessageContaining("conf/quality/members.yaml: table: expected 'members' (the file name), got 'households'");
  }

  @Test
  void outputRulesCannotQuarantineAndAnomaliesAreValidated() {
    assertThatThrownBy(() -> RuleFiles.parse("x/county_index.yaml", "table: county_index\nlayer: output\nrules:\n"
        + "  - {name: a, kind: range, column: H, min: 0, max: 1, level: error, quarantine: true}\n"))
        .hasMessageContaining("rules[0].quarantine: only rules on staged tables can quarantine rows");
    assertThatThrownBy(() -> RuleFiles.parse("x/households.yaml", file(
        "  - {name: a, kind: completeness, column: household_id, level: error}\n"
            + "anomalies:\n  - {name: rows, metric: row_count, strategy: relative_rate_of_change, level: error}\n"
            + "  - {name: c, metric: compliance, rule: a, strategy: simple_threshold, lower: 0, upper: 1, level: warning}\n")))
        .hasMessageContaining("anomalies[0].max_decrease: expected max_decrease, max_increase or both")
        .hasMessageContaining("anomalies[1].rule: rule 'a' is completeness");
  }

  @Test
  void referenceListsAcceptTheShapesWritersUse() {
    ReferenceLists lists = ReferenceLists.of(Map.of(
        "conf/programmes.yaml", "programmes:\n  DIBAO: {poverty_targeted: true}\n  PENSION: {poverty_targeted: false}\n",
        "conf/admin-codes.yaml", "counties:\n  - {code: '630222', name: 民和}\nvillages: ['630222101001']\n"));
    assertThat(lists.values("programmes")).containsExactly("DIBAO", "PENSION");
    assertThat(lists.values("admin_codes:counties")).containsExactly("630222");
    assertThatThrownBy(() -> lists.values("admin_codes:townships"))
        .hasMessage("conf/admin-codes.yaml: townships: missing (expected a list of codes)");
    assertThatThrownBy(() -> ReferenceLists.of(Map.of()).values("programmes"))
        .hasMessageContaining("conf/programmes.yaml not found");
  }

  @Test
  void maskingHidesIdNumbersAndNames() {
    String id = StagedTables.validId(7);
    assertThat(Masking.mask("id", id)).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
    assertThat(Masking.mask("name", "王小明")).isEqualTo("王*明");
    assertThat(Masking.scrub("household " + id + " and 110105491231002")).doesNotContain(id)
        .doesNotContain("110105491231002");
    assertThat(Masking.holdsClearId(Masking.scrub("x" + id + "y"))).isFalse();
    assertThat(Masking.scrub("630222101001 has 48377 households")).isEqualTo("630222101001 has 48377 households");
    // An ID at the end of a sentence or after "No." is masked; the long fraction of a number is not (JSON stays valid).
    assertThat(Masking.scrub("ID " + id + ".")).doesNotContain(id);
    assertThat(Masking.scrub("No." + id)).doesNotContain(id);
    assertThat(Masking.scrub("{\"M0\" : 0.0583891234567890123, \"x\" : 1.123456789012345678}"))
        .isEqualTo("{\"M0\" : 0.0583891234567890123, \"x\" : 1.123456789012345678}");
  }
}
