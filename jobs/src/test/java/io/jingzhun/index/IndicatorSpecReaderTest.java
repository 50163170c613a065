package io.jingzhun.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jingzhun.index.IndicatorSpec.MissingPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorSpecReaderTest {
  private static final String HEAD = "name: t\nunit: person\nid: id\nk: [0.5]\n";

  private static IndicatorSpec parse(String yaml) {
    return IndicatorSpecReader.parse(yaml, "t.yaml");
  }

  @Test
  void readsTheIssueExampleWithDefaults() {
    IndicatorSpec s = parse("""
        name: alkire-foster-2011-example
        unit: person              # what one input row is
        id: id
        weight: null
        k: [0.5]
        indicators:
          - name: income
            dimension: living
            column: income
            deprived_below: 13
            weight: 0.25
          - name: water
            deprived_if: "water_source NOT IN ('piped', 'protected_well')"
            weight: 0.75
        """);
    assertThat(s.weight()).isNull();
    assertThat(s.k()).containsExactly(0.5);
    assertThat(s.missing()).isEqualTo(MissingPolicy.EXCLUDE_UNIT);
    assertThat(s.indicators().get(0).cardinal()).isTrue();
    assertThat(s.indicators().get(0).cutoff()).isEqualTo(13.0);
    assertThat(s.indicators().get(1).cardinal()).isFalse();
    assertThat(s.dimensions()).containsExactly("living", "water");
  }

  @Test
  void errorsNameTheFileAndTheField() {
    assertThatThrownBy(() -> parse(HEAD + """
        indicators:
          - {name: a, column: x, deprived_below: 1, weight: 0.5}
          - {name: b, column: y, deprived_below: 1, weight: 0.4}
        """)).hasMessageContaining("t.yaml: indicators[*].weight: expected weights summing to 1");
    assertThatThrownBy(() -> parse(HEAD + """
        indicators:
          - {name: a, column: x, deprived_below: 1, weight: 0.5}
          - {name: a, column: y, deprived_below: 1, weight: 0.5}
        """)).hasMessageContaining("t.yaml: indicators[1].name: duplicate indicator name 'a'");
    assertThatThrownBy(() -> parse(HEAD + """
        indicators:
          - {name: a, column: x, deprived_below: 1, weight: 0}
          - {name: b, column: y, deprived_below: 1, weight: 1}
        """)).hasMessageContaining("t.yaml: indicators[0].weight: expected a weight greater than 0");
    assertThatThrownBy(() -> parse(HEAD + """
        indicators:
          - {name: a, column: x, deprived_below: 1, deprived_if: "x > 1", weight: 1}
        """)).hasMessageContaining("t.yaml: indicators[0]: expected exactly one of deprived_below");
    assertThatThrownBy(() -> parse(HEAD + """
        indicators:
          - {name: a, deprived_below: 1, weight: 1}
        """)).hasMessageContaining("t.yaml: indicators[0].column:");
    assertThatThrownBy(() -> parse(HEAD + """
        indicators:
          - {name: a, colum: x, deprived_if: "x", weight: 1}
        """)).hasMessageContaining("t.yaml: indicators[0].colum: unknown field");
    assertThatThrownBy(() -> parse("name: t\nunit: person\nid: id\nk: [0, 0.5]\nindicators:\n"
        + "  - {name: a, deprived_if: \"x\", weight: 1}\n")).hasMessageContaining("t.yaml: k[0]: expected a share");
    assertThatThrownBy(() -> parse("name: t\nunit: person\nid: id\nk: 1.5\nindicators:\n"
        + "  - {name: a, deprived_if: \"x\", weight: 1}\n")).hasMessageContaining("t.yaml: k: expected a share");
    assertThatThrownBy(() -> parse("name: t\nunit: person\nk: [0.5]\nindicators:\n"
        + "  - {name: a, deprived_if: \"x\", weight: 1}\n")).hasMessageContaining("t.yaml: id: required");
    assertThatThrownBy(() -> parse(HEAD + "missing: sometimes\nindicators:\n  - {name: a, deprived_if: \"x\", weight: 1}\n"))
        .hasMessageContaining("t.yaml: missing: expected deprived, not_deprived or exclude_unit");
    assertThatThrownBy(() -> parse(HEAD + "bands: {vulnerable: 0.6, severe: 0.5}\nindicators:\n"
        + "  - {name: a, deprived_if: \"x\", weight: 1}\n")).hasMessageContaining("t.yaml: bands: expected vulnerable below severe");
    assertThatThrownBy(() -> parse("name: [unclosed")).hasMessageContaining("t.yaml: not valid YAML");
  }

  @Test
  void parametersAreResolvedOrNamedWhenMissing() {
    IndicatorSpec s = parse(HEAD + """
        indicators:
          - {name: income, column: inc, deprived_below: "${income_line}", weight: 1/2}
          - {name: food, deprived_if: "NOT food_secure", weight: 1/2}
        """);
    assertThat(s.parameterNames()).containsExactly("income_line");
    assertThat(s.resolve(Map.of("income_line", 4000)).indicators().get(0).cutoff()).isEqualTo(4000.0);
    assertThatThrownBy(() -> s.resolve(Map.of()))
        .hasMessageContaining("t.yaml: indicators[0] (income).deprived_below refers to parameter ${income_line}");
    assertThatThrownBy(() -> s.resolve(Map.of("income_line", "lots")))
        .hasMessageContaining("indicators[0] (income).deprived_below: expected a number, got 'lots'");
    assertThatThrownBy(() -> s.withK(List.of(0.0))).hasMessageContaining("k must be in (0, 1]");
  }

  @Test
  void projectSpecsLoadAndAreDocumentedAsTheIssueAsks() {
    IndicatorSpec china = IndicatorSpecReader.project("china-2020");
    assertThat(china.unit()).isEqualTo("household");
    assertThat(china.id()).isEqualTo("household_id");
    assertThat(china.weight()).isEqualTo("living_members");
    assertThat(china.indicators()).hasSize(7);
    // The official union rule (failing any one standard) is the smallest k: one indicator's weight.
    assertThat(china.k().get(0)).isCloseTo(china.indicators().get(0).weight(), within(1e-12));
    assertThat(china.parameterNames()).containsExactly("income_line");
    assertThat(china.resolve(Map.of("income_line", IncomeLines.load().forYear(2020))).indicators().get(0).cutoff())
        .isEqualTo(4000.0);

    IndicatorSpec global = IndicatorSpecReader.project("global-mpi");
    assertThat(global.indicators()).hasSize(10);
    assertThat(global.k()).hasSize(1);
    assertThat(global.k().get(0)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(global.bands().vulnerable()).isCloseTo(0.2, within(1e-12));
    assertThat(global.bands().severe()).isCloseTo(0.5, within(1e-12));
    assertThat(global.dimensions()).containsExactly("health", "education", "living_standards");
    assertThat(global.indicators().get(4).weight()).isCloseTo(1.0 / 18, within(1e-15));
  }

  @Test
  void incomeLinesPerYear() {
    IncomeLines lines = IncomeLines.load();
    assertThat(lines.forYear(2010)).isEqualTo(2300.0);
    assertThat(lines.forYear(2014)).isEqualTo(2736.0);
    assertThat(lines.forYear(2019)).isEqualTo(3218.0);
    assertThat(lines.forYear(2020)).isEqualTo(4000.0);
    for (int y = 2011; y <= 2019; y++) {
      assertThat(lines.forYear(y)).as("lines rise year on year").isGreaterThan(lines.forYear(y - 1));
    }
    assertThatThrownBy(() -> lines.forYear(1999)).hasMessageContaining("conf/income-lines.yaml: no income line for 1999");
    assertThatThrownBy(() -> IncomeLines.parse("lines: {2020: {line: -1}}", "x.yaml"))
        .hasMessageContaining("x.yaml: lines.2020.line: expected yuan greater than 0");
  }
}
