package io.jingzhun.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Deequ's suggestions become a rule file that loads, and never carry personal values. */
class RuleSuggestionsTest {
  @Test
  void suggestionsAreAValidStartingRuleFileWithoutPersonalData() {
    String yaml = RuleSuggestions.suggest("members", LocalDate.of(2026, 3, 1), StagedTables.build("members", 30,
        (i, v) -> v.put("relation", i % 3 == 0 ? "head" : "child")));
    RuleFile file = RuleFiles.parse("suggested/members.yaml", yaml);
    assertThat(file.table()).isEqualTo("members");
    assertThat(file.rules()).extracting(Rule::kind).contains(RuleKind.COMPLETENESS, RuleKind.ALLOWED_VALUES);
    assertThat(file.rules()).filteredOn(r -> r.column().equals("relation") && r.kind() == RuleKind.ALLOWED_VALUES)
        .singleElement().satisfies(r -> assertThat(r.values()).containsExactlyInAnyOrder("head", "child"));
    assertThat(yaml).doesNotContain("王小明").doesNotContain(StagedTables.validId(0));
  }
}
