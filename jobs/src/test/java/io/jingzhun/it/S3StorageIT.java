package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3A really works from the command line analysts use: {@code bin/jingzhun doctor --profile s3} against
 * S3Proxy reads the landing folder and writes and reads the warehouse in the bucket, and a wrong secret
 * fails clearly without being printed.
 */
class S3StorageIT {
  private static final String BUCKET = "jingzhun-doctor";
  private static final String DATE = "2026-11-27";

  @TempDir static Path work;
  private static S3ProxyServer s3;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    s3 = S3ProxyServer.start(ItEnvironment.s3proxyJar(), Files.createDirectories(work.resolve("s3proxy")));
    ItEnvironment.measured("S3Proxy start-up", s3.startup());
    s3.createBucket(BUCKET);
    Path landing = work.resolve("landing");
    Files.createDirectories(landing.resolve(DATE + "/households"));
    Files.createDirectories(landing.resolve(DATE + "/members"));
    Files.writeString(landing.resolve(DATE + "/households/part-1.csv"), "household_id\nH1\n");
    Files.writeString(landing.resolve(DATE + "/members/part-1.csv"), "household_id,member_no\nH1,1\n");
    assertThat(s3.upload(landing, BUCKET, "landing")).isEqualTo(2);
  }

  @AfterAll
  static void stopS3Proxy() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void doctorWithTheS3ProfileReadsLandingAndWritesTheWarehouseInTheBucket() {
    JingzhunCli cli = JingzhunCli.withEnvironment(s3.profileEnvironment(BUCKET));

    JingzhunCli.Result r = cli.run(List.of("doctor", "--profile", "s3", "--date", DATE, "--probe-rows", "20000"),
        work.resolve("logs/doctor-s3.log"), Duration.ofMinutes(10));

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("ok     landing    s3a://" + BUCKET + "/landing/" + DATE + ": 2 table folder(s) [households, members]")
        .contains("ok     executors")
        .contains("20000 rows in 4 partitions to s3a://" + BUCKET + "/warehouse/runs/doctor/run_date=" + DATE + "/probe")
        .contains("ok     driver")
        .doesNotContain(S3ProxyServer.SECRET_KEY)
        .doesNotContain(S3ProxyServer.ACCESS_KEY);
    List<String> keys = s3.keys(BUCKET, "warehouse/runs/doctor/run_date=" + DATE + "/");
    assertThat(keys).contains("warehouse/runs/doctor/run_date=" + DATE + "/check.txt");
    assertThat(keys).anyMatch(k -> k.startsWith("warehouse/runs/doctor/run_date=" + DATE + "/probe/part-")
        && k.endsWith(".parquet"));
  }

  @Test
  void aWrongSecretFailsTheCheckWithoutPrintingTheSecret() {
    Map<String, String> env = new LinkedHashMap<>(s3.profileEnvironment(BUCKET));
    env.put("JINGZHUN_S3_SECRET_KEY", "not-the-secret-4e1d");
    JingzhunCli cli = JingzhunCli.withEnvironment(env);

    JingzhunCli.Result r = cli.run(List.of("doctor", "--profile", "s3", "--date", DATE, "--probe-rows", "100"),
        work.resolve("logs/doctor-wrong-secret.log"), Duration.ofMinutes(10));

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("FAILED landing").contains("FAILED executors")
        .doesNotContain("not-the-secret-4e1d");
  }
}
