package io.jingzhun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestSettingsTest {
  @Test
  void theShippedSettingsLoadAndDetectEveryEncoding() {
    IngestSettings s = IngestSettings.load();
    assertThat(s.encoding("households")).isNull();
  }

  @Test
  void encodingsCanBeFixedPerTable() {
    IngestSettings s = IngestSettings.parse("conf/ingest.yaml", "csv_encoding:\n  households: gbk\n  members: UTF-8\n");
    assertThat(s.encoding("households")).isEqualTo(TextEncoding.GBK);
    assertThat(s.encoding("members")).isEqualTo(TextEncoding.UTF_8);
    assertThat(s.encoding("education")).isNull();
  }

  @Test
  void mistakesNameFileAndField() {
    assertThatThrownBy(() -> IngestSettings.parse("conf/ingest.yaml", "csv_encoding:\n  households: latin1\n"))
        .hasMessage("conf/ingest.yaml: csv_encoding.households: expected auto, UTF-8 or GBK, got 'latin1'");
    assertThatThrownBy(() -> IngestSettings.parse("conf/ingest.yaml", "csv_encoding:\n  vehicles: GBK\n"))
        .hasMessageStartingWith("conf/ingest.yaml: csv_encoding.vehicles: no such table");
    assertThatThrownBy(() -> IngestSettings.parse("conf/ingest.yaml", "encoding:\n  households: GBK\n"))
        .hasMessageStartingWith("conf/ingest.yaml: encoding: unknown setting");
  }
}
