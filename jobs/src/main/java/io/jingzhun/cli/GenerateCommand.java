package io.jingzhun.cli;

import io.jingzhun.generate.GenerationSummary;
import io.jingzhun.generate.Generator;
import io.jingzhun.generate.GeneratorProfile;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jingzhun generate}: synthetic departmental extracts with the truth behind them. */
@Command(
    name = "generate",
    description = "Write synthetic extracts for one run date in the landing layout, with a truth folder.",
    mixinStandardHelpOptions = true)
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--households", required = true, description = "Number of registered households.")
  long households;

  @Option(names = "--seed", required = true, description = "Seed: same seed and arguments, same bytes.")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder or URI (landing root).")
  String out;

  @Option(names = "--date", description = "Run date (default ${DEFAULT-VALUE}).", defaultValue = "2026-11-27")
  LocalDate date;

  @Option(names = "--profile", description = "Profile in conf/generator.yaml (default ${DEFAULT-VALUE}).",
      defaultValue = "default")
  String profile;

  @Option(names = "--threads", description = "Chunks generated in parallel (default: cores, at most 2).")
  Integer threads;

  @Override
  public Integer call() {
    int t = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
    GenerationSummary s = Generator.run(
        new Generator.Settings(households, seed, out, date, GeneratorProfile.load(profile), t));
    System.out.printf("generated %d households for %s (seed %d, profile %s) in %.1f s%n",
        s.households(), s.runDate(), s.seed(), s.profile(), s.elapsedMillis() / 1000.0);
    s.rowsPerTable().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> System.out.printf("  %-18s %,12d rows in %d file(s)%n", e.getKey(), e.getValue(),
            s.partsPerTable().getOrDefault(e.getKey(), 0L)));
    System.out.printf("  audit defects planted: %s%n", s.auditDefects());
    System.out.printf("  data defects and variations: %s%n", s.dataDefects());
    return ExitCodes.OK;
  }
}
