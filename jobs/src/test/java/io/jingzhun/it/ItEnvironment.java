package io.jingzhun.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the integration tests need from the machine, and the rule for when it is missing: on a
 * developer's machine the test is skipped with the reason; in CI (environment {@code CI=true}) it fails,
 * so that a green CI run means the real components were exercised.
 */
public final class ItEnvironment {
  private ItEnvironment() {}

  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (locally) or fails (CI) when a prerequisite is missing. */
  public static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if (inCi()) {
      fail("integration test prerequisite missing (CI=true, so this fails): " + what);
    }
    Assumptions.abort("prerequisite missing, skipped: " + what);
  }

  /** The project folder (where bin/, conf/, schemas/ are). */
  public static Path home() {
    String home = System.getProperty("jingzhun.home");
    return Paths.get(home == null ? "." : home).toAbsolutePath().normalize();
  }

  /** The shaded jar the build made; spark-submit ships it to executors. */
  public static Path jar() {
    Path jar = home().resolve("jobs/target/jingzhun.jar");
    require(Files.isRegularFile(jar), jar + " (run `mvn package` first; `mvn verify` does)");
    return jar;
  }

  /** The S3Proxy runnable jar that `mvn verify` copies into jobs/target/it-tools. */
  public static Path s3proxyJar() {
    Path jar = Paths.get(System.getProperty("jingzhun.it.tools", home().resolve("jobs/target/it-tools").toString()))
        .resolve("s3proxy.jar");
    require(Files.isRegularFile(jar), jar + " (copied by `mvn verify` in the pre-integration-test phase)");
    return jar;
  }

  /** hadoop-aws and the AWS SDK bundle, which executors need for S3A (copied by `mvn package`). */
  public static List<Path> submitJars() {
    Path dir = Paths.get(System.getProperty("jingzhun.submit.jars",
        home().resolve("jobs/target/submit-jars").toString()));
    List<Path> jars = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    require(jars.size() == 2, "hadoop-aws and aws-java-sdk-bundle jars in " + dir + " (copied by `mvn package`)");
    return jars;
  }

  /**
   * SPARK_HOME of the pyspark package in .venvs/pyspark, installing it when missing
   * (bin/setup-pyspark, idempotent; bin/test runs it before Maven).
   */
  public static Path sparkHome(Path logs) {
    Path script = home().resolve("bin/setup-pyspark");
    try (ChildProcess setup = ChildProcess.start("setup-pyspark", List.of(script.toString()), Map.of(), home(),
        logs.resolve("setup-pyspark.log"))) {
      int exit = setup.waitFor(Duration.ofMinutes(20));
      List<String> lines = setup.output().lines().toList();
      require(exit == 0 && !lines.isEmpty(), "pyspark in .venvs/pyspark (bin/setup-pyspark failed:\n"
          + setup.tail() + ")");
      Path sparkHome = Paths.get(lines.get(lines.size() - 1).strip());
      require(Files.isExecutable(sparkHome.resolve("bin/spark-submit")), sparkHome + "/bin/spark-submit");
      return sparkHome;
    }
  }

  /** A free TCP port on the loopback interface. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** Prints a measured figure where the test report (target/failsafe-reports) keeps it. */
  public static void measured(String what, Duration took) {
    System.out.printf("MEASURED %s: %.1f s%n", what, took.toMillis() / 1000.0);
  }
}
