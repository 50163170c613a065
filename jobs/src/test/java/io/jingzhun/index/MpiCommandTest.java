package io.jingzhun.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jingzhun.cli.Main;
import io.jingzhun.common.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jingzhun mpi} end to end on a tiny CSV. */
class MpiCommandTest {
  private static final String CSV = """
      id,region,x1,x2,x3,x4,year
      a,north,13.1,14,4,1,2019
      b,north,15.2,7,5,0,2019
      c,south,12.5,10,1,0,2019
      d,south,20,11,3,1,2019
      """;

  @TempDir static Path dir;

  @BeforeAll
  static void files() throws Exception {
    TestSpark.get();
    Files.writeString(dir.resolve("people.csv"), CSV);
    Files.writeString(dir.resolve("af.yaml"), AfExample.SPEC);
  }

  @Test
  void writesSummaryAndTables() throws Exception {
    Path out = dir.resolve("out");
    int code = Main.execute("mpi", "--spec", dir.resolve("af.yaml").toString(),
        "--input", dir.resolve("people.csv").toString(), "--out", out.toString(), "--k", "0.5", "1/4", "--by", "region");
    assertThat(code).isEqualTo(0);
    JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
    assertThat(s.get("spec").asText()).isEqualTo("alkire-foster-2011-example");
    assertThat(s.get("n").asLong()).isEqualTo(4);
    assertThat(s.get("excluded").asLong()).isEqualTo(0);
    JsonNode results = s.get("results");
    assertThat(results).hasSize(6); // 2 k × (population + 2 regions)
    JsonNode half = null;
    for (JsonNode r : results) {
      if (r.get("k").asDouble() == 0.5 && r.get("by").isNull()) {
        half = r;
      }
    }
    assertThat(half).isNotNull();
    assertThat(half.get("n").asLong()).isEqualTo(4);
    assertThat(half.get("q").asLong()).isEqualTo(2);
    assertThat(half.get("H").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(half.get("A").asDouble()).isCloseTo(0.75, within(1e-12));
    assertThat(half.get("M0").asDouble()).isCloseTo(0.375, within(1e-12));
    assertThat(half.get("M1").asDouble()).isCloseTo(0.2055, within(1e-4));
    assertThat(half.get("M2").asDouble()).isCloseTo(0.1655, within(1e-4));
    assertThat(half.get("se").get("H").asDouble()).isCloseTo(Math.sqrt(0.25 / 3), within(1e-12));
    JsonNode income = half.get("indicators").get(0);
    assertThat(income.get("name").asText()).isEqualTo("income");
    assertThat(income.get("uncensored").asDouble()).isCloseTo(0.25, within(1e-12));
    assertThat(income.get("censored").asDouble()).isCloseTo(0.25, within(1e-12));
    assertThat(income.get("contribution").asDouble()).isCloseTo(0.1667, within(1e-4));
    assertThat(half.get("dimensions")).hasSize(3);
    boolean north = false;
    for (JsonNode r : results) {
      if (r.get("k").asDouble() == 0.5 && !r.get("by").isNull() && r.get("by").get("region").asText().equals("north")) {
        north = true;
        assertThat(r.get("M0").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(r.get("contribution").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
      }
    }
    assertThat(north).isTrue();
    assertThat(s.get("robustness")).hasSize(2); // region: M0 and H between k = 1/4 and 1/2
    for (String table : List.of("units", "measures", "indicators", "dimensions", "robustness")) {
      assertThat(out.resolve(table + ".parquet/_SUCCESS")).exists();
      assertThat(out.resolve(table + ".csv/_SUCCESS")).exists();
    }
    assertThat(TestSpark.get().read().parquet(out.resolve("units.parquet").toString()).count()).isEqualTo(4);
  }

  @Test
  void roundsGiveChangesOverTime() throws Exception {
    String twoRounds = CSV + "a,north,13.1,14,4,1,2021\nb,north,15.2,7,5,1,2021\nc,south,12.5,10,1,0,2021\n"
        + "d,south,20,11,3,1,2021\n";
    Files.writeString(dir.resolve("rounds.csv"), twoRounds);
    Path out = dir.resolve("rounds-out");
    assertThat(Main.execute("mpi", "--spec", dir.resolve("af.yaml").toString(), "--input",
        dir.resolve("rounds.csv").toString(), "--out", out.toString(), "--k", "0.5", "--round", "year")).isEqualTo(0);
    JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
    assertThat(s.get("rounds")).hasSize(2);
    JsonNode m0 = null;
    for (JsonNode c : s.get("changes")) {
      if (c.get("measure").asText().equals("M0")) {
        m0 = c;
      }
    }
    assertThat(m0.get("years").asDouble()).isEqualTo(2.0);
    assertThat(m0.get("absolute").asDouble()).isCloseTo(-0.125, within(1e-12));
    assertThat(m0.get("annualised_absolute").asDouble()).isCloseTo(-0.0625, within(1e-12));
  }

  @Test
  void badInputExitsWithOne() throws Exception {
    Files.writeString(dir.resolve("nox3.csv"), "id,region,x1,x2,x4\na,north,1,2,3\n");
    Files.writeString(dir.resolve("text.csv"), CSV.replace("12.5", "twelve"));
    Files.writeString(dir.resolve("empty.csv"), "id,region,x1,x2,x3,x4\n");
    Files.writeString(dir.resolve("bad.yaml"), AfExample.SPEC.replace("weight: 0.25}", "weight: 0.3}"));
    for (String[] bad : new String[][] {
        {"af.yaml", "nox3.csv"}, {"af.yaml", "text.csv"}, {"af.yaml", "empty.csv"}, {"bad.yaml", "people.csv"},
        {"af.yaml", "missing.csv"}}) {
      Path out = dir.resolve("bad-out");
      int code = Main.execute("mpi", "--spec", dir.resolve(bad[0]).toString(), "--input",
          dir.resolve(bad[1]).toString(), "--out", out.toString());
      assertThat(code).as("%s with %s", bad[0], bad[1]).isEqualTo(1);
      assertThat(out.resolve("summary.json")).doesNotExist();
    }
    MpiRun.Options text = new MpiRun.Options(dir.resolve("af.yaml").toString(), dir.resolve("text.csv").toString(),
        dir.resolve("bad-out").toString(), List.of(), List.of(), Map.of(), null, null, null, null, null);
    assertThatThrownBy(() -> MpiRun.run(TestSpark.get(), text))
        .hasMessageContaining("text.csv").hasMessageContaining("non-numeric value 'twelve' in the unit with id=c");
  }

  @Test
  void chinaSpecTakesTheIncomeLineOfTheYear() throws Exception {
    Files.writeString(dir.resolve("households.csv"), """
        household_id,village,per_capita_net_income,food_secure,clothing_secure,safe_water,children_out_of_school,members_without_medical_insurance,housing_grade,living_members
        h1,v1,3500,true,true,true,0,0,A,4
        h2,v1,5200,true,true,true,0,0,B,3
        h3,v2,2500,false,true,false,1,0,D,5
        h4,v2,9000,true,true,true,0,2,C,2
        """);
    Path out = dir.resolve("china");
    assertThat(Main.execute("mpi", "--spec", "china-2020", "--input", dir.resolve("households.csv").toString(),
        "--out", out.toString(), "--year", "2020", "--by", "village")).isEqualTo(0);
    JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
    assertThat(s.get("params").get("income_line").asDouble()).isEqualTo(4000.0);
    JsonNode union = s.get("results").get(0);
    assertThat(union.get("k").asDouble()).isCloseTo(1.0 / 7, within(1e-12));
    // Union rule: h1 (income 3500 < 4000), h3 and h4 fail something; h2 fails nothing → H = (4+5+2)/14.
    assertThat(union.get("H").asDouble()).isCloseTo(11.0 / 14, within(1e-12));
    // With the 2019 line (3218) h1 is no longer income-poor.
    Path out2019 = dir.resolve("china2019");
    assertThat(Main.execute("mpi", "--spec", "china-2020", "--input", dir.resolve("households.csv").toString(),
        "--out", out2019.toString(), "--year", "2019")).isEqualTo(0);
    JsonNode s2019 = new ObjectMapper().readTree(Files.readString(out2019.resolve("summary.json")));
    assertThat(s2019.get("results").get(0).get("H").asDouble()).isCloseTo(7.0 / 14, within(1e-12));
  }
}
