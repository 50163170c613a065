package io.jingzhun.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bin/jingzhun} as an analyst would, in its own JVM, on the jar the build just made (no
 * rebuild from inside the test).
 */
public final class JingzhunCli {
  /** A finished command: exit code and everything it printed. */
  public record Result(int exitCode, String output) {}

  private final Map<String, String> environment;

  private JingzhunCli(Map<String, String> environment) {
    this.environment = environment;
  }

  public static JingzhunCli withEnvironment(Map<String, String> extra) {
    ItEnvironment.jar();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JINGZHUN_SKIP_BUILD", "1");
    env.put("JINGZHUN_JAVA_OPTS", "-Xmx1536m");
    env.putAll(extra);
    return new JingzhunCli(env);
  }

  /** Starts {@code bin/jingzhun args} without waiting (for tests that kill it). */
  public ChildProcess start(List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(ItEnvironment.home().resolve("bin/jingzhun").toString());
    command.addAll(args);
    return ChildProcess.start("jingzhun " + args.get(0), command, environment, ItEnvironment.home(), log);
  }

  /** Runs {@code bin/jingzhun args} to the end. */
  public Result run(List<String> args, Path log, Duration timeout) {
    java.time.Instant t0 = java.time.Instant.now();
    try (ChildProcess p = start(args, log)) {
      int exit = p.waitFor(timeout);
      ItEnvironment.measured("jingzhun " + args.get(0) + " (exit " + exit + ")",
          Duration.between(t0, java.time.Instant.now()));
      // Kept in the test report (failsafe-reports/*-output.txt), since the log's folder is temporary.
      System.out.println(p.tail());
      return new Result(exit, p.output());
    }
  }
}
