package io.jingzhun.publish;

import static io.jingzhun.publish.PublishFixtures.KEY;
import static io.jingzhun.publish.PublishFixtures.spark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jingzhun.identity.ChineseNames;
import io.jingzhun.identity.ResidentIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsAndMasksTest {
  static final PseudonymKey OTHER_KEY = PseudonymKey.of("another-key-fedcba9876543210fedcba9876543210", "test");
  static final PublishSettings NO_SETTINGS = new PublishSettings(null, false, "conf/publish.yaml");

  @Test
  void pseudonymsAreStableForAKeyAndDifferAcrossKeysAndDomains() {
    String id = "630222199001011234";
    String p = Pseudonyms.of(KEY, Pseudonyms.PERSON, id);
    assertThat(p).matches(Pseudonyms.FORMAT);
    assertThat(Pseudonyms.of(KEY, Pseudonyms.PERSON, id)).isEqualTo(p);
    assertThat(Pseudonyms.of(PseudonymKey.of("test-key-0123456789abcdef0123456789abcdef", "again"), "person", id))
        .isEqualTo(p);
    assertThat(Pseudonyms.of(OTHER_KEY, Pseudonyms.PERSON, id)).isNotEqualTo(p);
    assertThat(Pseudonyms.of(KEY, Pseudonyms.HOUSEHOLD, id)).isNotEqualTo(p);
    assertThat(Pseudonyms.of(KEY, Pseudonyms.PERSON, "11010519491231002X")).isNotEqualTo(p);
    assertThat(Pseudonyms.of(KEY, Pseudonyms.PERSON, null)).isNull();
  }

  @Test
  void theSparkColumnGivesTheSamePseudonymsAsTheDriver() {
    List<String> ids = Arrays.asList("630222199001011234", "11010519491231002X", null, "440524188001015368");
    Dataset<Row> d = spark().createDataset(ids, Encoders.STRING()).toDF("id")
        .withColumn("p", Pseudonyms.person(KEY, functions.col("id")))
        .withColumn("h", Pseudonyms.household(KEY, functions.col("id")))
        .withColumn("o", Pseudonyms.person(OTHER_KEY, functions.col("id")));
    for (Row r : d.collectAsList()) {
      String id = r.getString(0);
      assertThat(r.getString(1)).isEqualTo(Pseudonyms.of(KEY, "person", id));
      assertThat(r.getString(2)).isEqualTo(Pseudonyms.of(KEY, "household", id));
      assertThat(r.getString(3)).isEqualTo(Pseudonyms.of(OTHER_KEY, "person", id));
    }
    // The key never shows in a plan.
    assertThat(d.queryExecution().toString()).doesNotContain("test-key-0123456789abcdef");
    assertThatThrownBy(() -> Pseudonyms.column(KEY, "village", functions.col("id")))
        .hasMessageContaining("expected pseudonym domain 'household' or 'person'");
  }

  @Test
  void keyResolutionOrderAndErrors(@TempDir Path dir) throws Exception {
    String secret = "env-key-0123456789abcdef0123456789abcdef";
    PseudonymKey fromEnv = PseudonymKey.resolve(Map.of(PseudonymKey.ENV_KEY, secret), NO_SETTINGS);
    assertThat(fromEnv.source()).isEqualTo("environment JINGZHUN_PSEUDONYM_KEY");
    assertThat(fromEnv.toString()).doesNotContain(secret).contains(fromEnv.id());
    assertThat(fromEnv.id()).isEqualTo(PseudonymKey.of(secret, "x").id()).isNotEqualTo(KEY.id());

    Path file = dir.resolve("pseudonym.key");
    Files.writeString(file, secret + "\n");
    PseudonymKey fromFile = PseudonymKey.resolve(Map.of(PseudonymKey.ENV_KEY_FILE, file.toString()), NO_SETTINGS);
    assertThat(fromFile.id()).isEqualTo(fromEnv.id());
    PseudonymKey fromConf = PseudonymKey.resolve(Map.of(), new PublishSettings(file.toString(), false, "conf/publish.yaml"));
    assertThat(fromConf.id()).isEqualTo(fromEnv.id());

    assertThatThrownBy(() -> PseudonymKey.resolve(Map.of(), NO_SETTINGS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no pseudonym key: set JINGZHUN_PSEUDONYM_KEY");
    assertThatThrownBy(() -> PseudonymKey.resolve(Map.of(PseudonymKey.ENV_KEY, "short"), NO_SETTINGS))
        .hasMessageContaining("too short: expected at least 32 characters");
    assertThatThrownBy(() -> PseudonymKey.resolve(Map.of(PseudonymKey.ENV_KEY_FILE, dir.resolve("missing").toString()), NO_SETTINGS))
        .hasMessageContaining("does not exist").hasMessageContaining("environment JINGZHUN_PSEUDONYM_KEY_FILE");
    PseudonymKey dev = PseudonymKey.resolve(Map.of(), new PublishSettings(null, true, "x.yaml"));
    assertThat(dev.source()).isEqualTo("development key");
  }

  @Test
  void fromTheEnvironmentWithoutAKeyFailsUnlessTheDevelopmentKeyIsAllowed() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv(PseudonymKey.ENV_KEY) == null && System.getenv(PseudonymKey.ENV_KEY_FILE) == null);
    assertThatThrownBy(PseudonymKey::fromEnvironment).hasMessageContaining("no pseudonym key: set JINGZHUN_PSEUDONYM_KEY");
    System.setProperty(PseudonymKey.ALLOW_DEVELOPMENT_KEY_PROPERTY, "true");
    try {
      assertThat(PseudonymKey.fromEnvironment().source()).isEqualTo("development key");
    } finally {
      System.clearProperty(PseudonymKey.ALLOW_DEVELOPMENT_KEY_PROPERTY);
    }
  }

  @Test
  void settingsAreValidatedOnLoad() {
    assertThat(PublishSettings.parse("p.yaml", "pseudonym:\n  key_file: /etc/k\n  allow_development_key: true\n"))
        .isEqualTo(new PublishSettings("/etc/k", true, "p.yaml"));
    assertThat(PublishSettings.parse("p.yaml", "# nothing\n")).isEqualTo(new PublishSettings(null, false, "p.yaml"));
    assertThatThrownBy(() -> PublishSettings.parse("p.yaml", "pseudonym:\n  keyfile: /etc/k\n"))
        .hasMessageContaining("p.yaml: pseudonym.keyfile: unknown field");
    assertThatThrownBy(() -> PublishSettings.parse("p.yaml", "pseudonym:\n  allow_development_key: yes please\n"))
        .hasMessageContaining("p.yaml: pseudonym.allow_development_key: expected true or false");
    // The committed settings file loads, and allows no development key.
    assertThat(PublishSettings.load().allowDevelopmentKey()).isFalse();
  }

  @Test
  void sparkMasksEqualTheIdentityMasks() {
    List<String> names = Arrays.asList("王小明", "张三", "王", "才让·多杰", "", null, "𠀀小𠀁", "欧阳娜娜", "马");
    List<String> ids = Arrays.asList("630222199001011234", "11010519491231002X", "110105491231002", "", null, "63022219900101123");
    Dataset<Row> n = spark().createDataset(names, Encoders.STRING()).toDF("v")
        .withColumn("m", Masks.name(functions.col("v")));
    Dataset<Row> i = spark().createDataset(ids, Encoders.STRING()).toDF("v")
        .withColumn("m", Masks.idNumber(functions.col("v")));
    List<String> got = new ArrayList<>();
    n.collectAsList().forEach(r -> assertThat(r.getString(1)).as("mask of %s", r.getString(0)).isEqualTo(ChineseNames.mask(r.getString(0))));
    i.collectAsList().forEach(r -> assertThat(r.getString(1)).as("mask of %s", r.getString(0)).isEqualTo(ResidentIds.mask(r.getString(0))));
    n.collectAsList().forEach(r -> got.add(r.getString(1)));
    assertThat(got).contains("王*明", "张*", "*", "才***杰", "𠀀*𠀁");
    assertThat(i.filter("v = '630222199001011234'").first().getString(1)).isEqualTo("630222********1234");
  }
}
