package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jingzhun.linkage.FittedModel.ComparisonFit;
import io.jingzhun.linkage.FittedModel.LevelFit;
import io.jingzhun.linkage.LinkageModel.Comparison;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TermFrequencyTest {
  @Test
  void aCommonNameAgreeingWeighsLessThanARareOneAndNullsAreNeutral() {
    LinkageModel model = LinkageModel.load();
    // Hand-set parameters: every m = u except the name's exact level (m 0.9, u 0.01).
    List<ComparisonFit> fits = new ArrayList<>();
    for (Comparison c : model.comparisons()) {
      List<LevelFit> levels = new ArrayList<>();
      for (LinkageModel.Level l : c.levels()) {
        boolean exactName = c.name().equals("name") && l.label().equals("exact");
        levels.add(new LevelFit(l.label(), exactName ? 0.9 : 0.2, exactName ? 0.01 : 0.2, List.of()));
      }
      fits.add(new ComparisonFit(c.name(), levels));
    }
    FittedModel fitted = new FittedModel(0.5, "test", fits, List.of());
    // 100 profiles: 马丽 40 times, 禾木 once, others unique.
    List<String> profileRows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String name = i < 40 ? "马丽" : i == 40 ? "禾木" : "名" + i;
      profileRows.add(i + ", '" + name + "'");
    }
    Dataset<Row> profiles = Fixtures.table("profile_id BIGINT, name_key STRING", profileRows);
    StringBuilder pairDdl = new StringBuilder("profile_l BIGINT, profile_r BIGINT");
    for (Comparison c : model.comparisons()) {
      pairDdl.append(", gamma_").append(c.name()).append(" INT");
    }
    pairDdl.append(", tf_value_name STRING");
    int others = model.comparisons().size() - 1;
    String nulls = ", -1".repeat(others);
    Dataset<Row> pairs = Fixtures.table(pairDdl.toString(), List.of(
        "0, 1, 0" + nulls + ", '马丽'",
        "40, 41, 0" + nulls + ", '禾木'",
        "50, 51, -1" + nulls + ", NULL"));
    Map<Long, Double> weight = new HashMap<>();
    Linkage.score(pairs, profiles, model, fitted).collectAsList()
        .forEach(r -> weight.put(r.<Long>getAs("profile_l"), r.<Double>getAs("match_weight")));
    // prior 0 (λ = 0.5); u of the exact level becomes the name's frequency among profiles.
    assertThat(weight.get(0L)).isCloseTo(Math.log(0.9 / 0.40) / Math.log(2), within(1e-9));
    assertThat(weight.get(40L)).isCloseTo(Math.log(0.9 / 0.01) / Math.log(2), within(1e-9));
    assertThat(weight.get(0L)).isLessThan(weight.get(40L));
    assertThat(weight.get(50L)).isCloseTo(0.0, within(1e-12));
  }
}
