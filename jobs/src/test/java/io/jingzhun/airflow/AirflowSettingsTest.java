package io.jingzhun.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirflowSettingsTest {
  @TempDir Path dir;

  @Test
  void environmentWinsOverTheFileFieldByField() throws Exception {
    Files.writeString(dir.resolve("pw"), "from-file-pw\n");
    Path yaml = Files.writeString(dir.resolve("airflow.yaml"),
        "url: https://airflow.internal:8443/\nuser: planner\npassword_file: pw\nrequest_timeout_seconds: 5\n");

    AirflowSettings s = AirflowSettings.load(yaml, Map.of("JINGZHUN_AIRFLOW_USER", "analyst",
        "JINGZHUN_AIRFLOW_PASSWORD", "env-pw"));

    assertThat(s.baseUrl()).hasToString("https://airflow.internal:8443");
    assertThat(s.user()).isEqualTo("analyst");
    assertThat(s.password()).isEqualTo("env-pw");
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(AirflowSettings.load(yaml, Map.of()).password()).isEqualTo("from-file-pw");
  }

  @Test
  void defaultsToLocalhostWithoutCredentials() {
    AirflowSettings s = AirflowSettings.fromEnvironment(Map.of());
    assertThat(s.baseUrl()).hasToString(AirflowSettings.DEFAULT_URL);
    assertThat(s.hasCredentials()).isFalse();
  }

  @Test
  void toStringNeverShowsThePassword() {
    AirflowSettings s = AirflowSettings.fromEnvironment(Map.of("JINGZHUN_AIRFLOW_USER", "analyst",
        "JINGZHUN_AIRFLOW_PASSWORD", "hunter2-secret"));
    assertThat(s.toString()).contains("analyst").doesNotContain("hunter2-secret");
  }

  @Test
  void errorsNameTheFileAndTheField() throws Exception {
    Path yaml = Files.writeString(dir.resolve("airflow.yaml"), "url: http://x:8080\nusername: analyst\n");
    assertThatThrownBy(() -> AirflowSettings.load(yaml, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(yaml.toString()).hasMessageContaining("unknown field 'username'");

    Path badTimeout = Files.writeString(dir.resolve("t.yaml"), "request_timeout_seconds: soon\n");
    assertThatThrownBy(() -> AirflowSettings.load(badTimeout, Map.of()))
        .hasMessageContaining(badTimeout + ": field 'request_timeout_seconds'")
        .hasMessageContaining("positive number of seconds");

    assertThatThrownBy(() -> AirflowSettings.fromEnvironment(Map.of("JINGZHUN_AIRFLOW_URL", "airflow:8080")))
        .hasMessageContaining("environment variable JINGZHUN_AIRFLOW_URL").hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> AirflowSettings.fromEnvironment(Map.of("JINGZHUN_AIRFLOW_USER", "analyst")))
        .hasMessageContaining("environment variable JINGZHUN_AIRFLOW_USER")
        .hasMessageContaining("no password");
  }

  @Test
  void nightlyRunDatesMapToTwoInTheMorningChinaTime() {
    assertThat(NightlyRuns.logicalDate(LocalDate.of(2026, 11, 27)))
        .isEqualTo(OffsetDateTime.parse("2026-11-27T02:00+08:00"));
    DagRun run = new DagRun("jingzhun_nightly", "r", OffsetDateTime.parse("2026-11-26T18:00Z"),
        DagRunState.SUCCESS, "scheduled", null, null, null);
    assertThat(NightlyRuns.runDate(run)).isEqualTo(LocalDate.of(2026, 11, 27));
  }
}
