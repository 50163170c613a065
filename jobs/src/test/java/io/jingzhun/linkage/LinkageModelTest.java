package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.common.ProjectFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkageModelTest {
  @Test
  void projectModelLoadsWithEveryComparisonOfTheIssue() {
    LinkageModel m = LinkageModel.load();
    assertThat(m.comparisons()).extracting(LinkageModel.Comparison::name)
        .contains("name", "birth_date", "gender", "place", "id_number");
    assertThat(m.comparison("name").termFrequency().column()).isEqualTo("name_key");
    assertThat(m.acceptProbability()).isGreaterThanOrEqualTo(m.reviewProbability());
  }

  @Test
  void aTrainingRuleCannotTrainTheComparisonsItBlocksOn() {
    LinkageModel m = LinkageModel.load();
    String rule = "l.name_key = r.name_key AND l.birth_date = r.birth_date";
    assertThat(m.comparison("name").isBlockedOnBy(rule)).isTrue();
    assertThat(m.comparison("birth_date").isBlockedOnBy(rule)).isTrue();
    assertThat(m.comparison("place").isBlockedOnBy(rule)).isFalse();
  }

  static java.util.Set<String> quotedCodes(String sql) {
    java.util.Set<String> codes = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([A-Z_]+)'").matcher(sql);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }

  @Test
  void soleCandidatesByNameAloneArePaymentsOfThePovertyTargetedProgrammesOnly() {
    java.util.Set<String> targeted = new java.util.TreeSet<>();
    io.jingzhun.findings.Programmes.load().programmes().stream()
        .filter(io.jingzhun.findings.Programmes.Programme::povertyTargeted).forEach(p -> targeted.add(p.code()));
    List<LinkageModel.SoleCandidateRule> rules = LinkageModel.load().soleCandidateRules();
    assertThat(rules).extracting(LinkageModel.SoleCandidateRule::name).containsExactly(
        "same_programme_payee_in_county", "sole_registry_namesake_in_county",
        "sole_household_head_namesake_in_county", "civil_affairs_recipient_with_close_name",
        "sole_household_member_with_close_name", "household_head_with_close_name",
        "sole_village_member_with_close_name_and_birth");
    // A name-alone payment follows a payee of the same typed name, or a civil-affairs recipient, only
    // through a poverty-targeted programme paid to both (a pension alone ties no one).
    LinkageModel.SoleCandidateRule payee = rules.get(0);
    assertThat(quotedCodes(payee.candidateRecordsWhen())).isEqualTo(targeted);
    assertThat(payee.sharedRecordValues()).containsExactly("programme_code");
    assertThat(rules.get(3).sharedRecordValues()).containsExactly("programme_code");
    assertThat(rules.get(3).candidateRecordsWhen()).contains("source_table = 'civil_affairs'");
    assertThat(quotedCodes(rules.get(1).recordsWhen())).isEqualTo(targeted);
    assertThat(targeted).containsAll(quotedCodes(rules.get(2).recordsWhen()));
    assertThat(targeted).containsAll(quotedCodes(rules.get(5).recordsWhen()));
    assertThat(rules.subList(0, 4)).allSatisfy(r -> assertThat(r.profileWhen()).contains("household_id IS NULL"));
    // A name-alone tie is vetoed where the payee was already paid that programme on that payday.
    assertThat(rules.subList(0, 4)).allSatisfy(r -> assertThat(r.oneRecordPer()).containsExactly("programme_code", "payment_date"));
    // A payment naming a registry household (any programme) is that household's: no name-alone tie.
    assertThat(rules.subList(4, 6)).allSatisfy(r -> {
      assertThat(r.profileWhen()).contains("household_id IS NOT NULL");
      assertThat(r.equal()).containsExactly("household_id");
    });
    // A school record is tied only to a child without one.
    assertThat(rules.get(6).recordsWhen()).isEqualTo("source_table = 'education'");
    assertThat(rules.get(6).candidateNotLinkedTo()).isEqualTo("source_table = 'education'");
    assertThat(java.util.stream.Stream.of(1, 2, 4, 5, 6).map(rules::get))
        .allSatisfy(r -> assertThat(r.candidateRecordsWhen()).contains("source_table = 'members'"));
  }

  @Test
  void errorsNameTheFileAndTheField() {
    String yaml = ProjectFiles.read(LinkageModel.DEFAULT_PATH);
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replace("accept_probability: 0.99", "accept_probability: 2")))
        .hasMessageContaining("my.yaml: thresholds.accept_probability").hasMessageContaining("between");
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replace("      - label: same_year\n        when: \"l.birth_year = r.birth_year\"\n",
        "      - label: same_year\n")))
        .hasMessageContaining("my.yaml: comparisons[1].levels[3].when");
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replace("max_profiles: 60", "max_profiles: many")))
        .hasMessageContaining("clusters.max_profiles");
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replaceFirst("    candidate_records_when: \"source_table = 'members'\"\n", "")))
        .hasMessageContaining("my.yaml: sole_candidate_rules[1].candidate_records_when");
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replaceFirst("equal: \\[county_code, name_key\\]", "equal: [county, name_key]")))
        .hasMessageContaining("sole_candidate_rules[0].equal").hasMessageContaining("'county'");
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replace("shared_record_values: [programme_code]",
        "shared_record_values: [programme code]")))
        .hasMessageContaining("sole_candidate_rules[0].shared_record_values").hasMessageContaining("'programme code'");
    assertThatThrownBy(() -> LinkageModel.parse("my.yaml", yaml.replaceFirst("one_record_per: \\[programme_code, payment_date\\]",
        "one_record_per: [programme_code, payment-date]")))
        .hasMessageContaining("sole_candidate_rules[0].one_record_per").hasMessageContaining("'payment-date'");
  }
}
