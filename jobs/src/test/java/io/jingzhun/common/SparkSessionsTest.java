package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void defaultsApplyWhereNeitherTheProfileNorSparkSubmitSetsTheKey() {
    Map<String, String> settings = SparkSessions.builderSettings(Map.of(), k -> null);
    assertThat(settings)
        .containsEntry("spark.sql.adaptive.enabled", "true")
        .containsEntry("spark.sql.session.timeZone", "Asia/Shanghai")
        .containsEntry("spark.sql.shuffle.partitions", "16")
        .containsEntry("spark.ui.enabled", "false");
  }

  @Test
  void theProfileWinsOverTheDefaults() {
    Map<String, String> settings = SparkSessions.builderSettings(
        Map.of("spark.sql.adaptive.enabled", "false", "spark.sql.shuffle.partitions", "200"), k -> null);
    assertThat(settings)
        .containsEntry("spark.sql.adaptive.enabled", "false")
        .containsEntry("spark.sql.shuffle.partitions", "200")
        .containsEntry("spark.sql.parquet.compression.codec", "zstd");
  }

  @Test
  void sparkSubmitSettingsAreLeftToSparkAndNotOverriddenByTheProfileOrTheDefaults() {
    Map<String, String> submitted = Map.of("spark.sql.adaptive.enabled", "false", "spark.master", "spark://h:7077");
    Map<String, String> settings = SparkSessions.builderSettings(
        Map.of("spark.master", "local[*]", "spark.sql.shuffle.partitions", "200"), submitted::get);
    assertThat(settings)
        .doesNotContainKeys("spark.sql.adaptive.enabled", "spark.master")
        .containsEntry("spark.sql.shuffle.partitions", "200");
  }
}
