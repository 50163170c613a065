package io.jingzhun.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {
  @Test
  void localProfileNeedsNoEnvironment() {
    Profile p = Profile.load("local", k -> null);
    assertThat(p.landing()).isEqualTo("sample-data");
    assertThat(p.warehouse()).isEqualTo("warehouse");
    assertThat(p.spark()).containsEntry("spark.master", "local[*]");
  }

  @Test
  void s3ProfileReadsEndpointAndCredentialsFromTheEnvironmentAndHidesSecrets() {
    Map<String, String> env = Map.of(
        "JINGZHUN_S3_BUCKET", "registry", "JINGZHUN_S3_ENDPOINT", "http://127.0.0.1:9000",
        "JINGZHUN_S3_ACCESS_KEY", "AKIAEXAMPLE", "JINGZHUN_S3_SECRET_KEY", "very-secret");
    Profile p = Profile.load("s3", env::get);
    assertThat(p.landing()).isEqualTo("s3a://registry/landing");
    assertThat(p.warehouse()).isEqualTo("s3a://registry/warehouse");
    assertThat(p.spark())
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .containsEntry("spark.hadoop.fs.s3a.secret.key", "very-secret");
    assertThat(p.describe().toString()).doesNotContain("very-secret", "AKIAEXAMPLE");
    assertThat(p.toString()).doesNotContain("very-secret");
  }

  @Test
  void aMissingVariableIsNamed() {
    assertThatThrownBy(() -> Profile.load("s3", k -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JINGZHUN_S3_BUCKET")
        .hasMessageContaining("conf/profiles/s3.yaml");
  }

  @Test
  void anUnknownProfileIsRefused() {
    assertThatThrownBy(() -> Profile.load("mars", k -> null)).hasMessageContaining("unknown profile 'mars'");
  }
}
