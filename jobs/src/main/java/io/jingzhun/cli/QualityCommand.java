package io.jingzhun.cli;

import io.jingzhun.quality.CandidateTable;
import io.jingzhun.quality.QualityGate;
import io.jingzhun.quality.QualityOutcome;
import io.jingzhun.quality.RuleResult;
import io.jingzhun.quality.RuleSuggestions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jingzhun quality --date D}: the publish gate (exit 2 when an error-level rule fails);
 * {@code quality report --date D} prints the report's path; {@code quality suggest --source S} prints a
 * starting rule file.
 */
@Command(
    name = "quality",
    description = "Check staged and candidate tables against conf/quality rules; exit 2 blocks publishing.",
    mixinStandardHelpOptions = true,
    subcommands = {QualityCommand.Report.class, QualityCommand.Suggest.class})
public final class QualityCommand implements Callable<Integer> {
  // Not "required" in picocli's sense: that would also demand it before the report/suggest sub-commands.
  @Option(names = "--date", description = "Run date (YYYY-MM-DD); required.")
  LocalDate date;

  @Mixin Location location;

  @Option(names = "--candidate", paramLabel = "NAME=LOCATION",
      description = "A candidate output table to check before publishing (repeatable).")
  List<String> candidates = new ArrayList<>();

  /** The stage options this command was given: the profile decides the warehouse and Spark's settings. */
  PipelineOptions options() {
    return location.options(date);
  }

  @Override
  public Integer call() {
    if (date == null) {
      throw new IllegalArgumentException("expected --date YYYY-MM-DD (the run date to check)");
    }
    PipelineOptions options = options();
    SparkSession spark = options.spark("jingzhun-quality");
    List<CandidateTable> cands = candidates.stream().map(CandidateTable::parse).toList();
    long start = System.nanoTime();
    QualityOutcome o = QualityGate.check(spark, options.warehouse(), date, cands);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%-20s %-34s %-8s %-14s %10s %s%n", "table", "rule", "level", "status", "failing", "value");
    for (RuleResult r : o.results()) {
      if (!r.passed()) {
        System.out.printf("%-20s %-34s %-8s %-14s %10d %s%n", r.table(), r.rule(), r.level().code(), r.status(),
            r.failingRows(), r.value() == null ? "-" : String.format("%.4f", r.value()));
      }
    }
    long failed = o.results().stream().filter(r -> !r.passed()).count();
    long anomalous = o.anomalies().stream().filter(a -> a.anomalous()).count();
    System.out.printf("%d rules, %d failed; %d anomalies; gate %s in %.1f s%n", o.results().size(), failed,
        anomalous, o.passed() ? "PASSED" : "BLOCKED", ms / 1000.0);
    o.blocking().forEach(b -> System.out.println("blocking: " + b));
    System.out.println("report: " + o.reportHtml());
    return o.passed() ? ExitCodes.OK : ExitCodes.QUALITY_GATE_BLOCKED;
  }

  /**
   * Where the gate and its sub-commands look: the warehouse and profile options every stage takes.
   */
  static final class Location {
    @Option(names = "--warehouse", paramLabel = "DIR|URI", description = "Warehouse root (default: the profile's).")
    String warehouse;

    @Option(names = "--profile", defaultValue = "local", paramLabel = "NAME",
        description = "Deployment profile in conf/profiles/ (default: ${DEFAULT-VALUE}).")
    String profile;

    // The nightly run passes the same options to every stage; the gate reads only the warehouse, and
    // the landing folder's size sets the shuffle partitions as in the other stages.
    @Option(names = "--landing", hidden = true)
    String landing;

    PipelineOptions options(LocalDate date) {
      return PipelineOptions.of(date, landing, warehouse, profile);
    }
  }

  @Command(name = "report", description = "Print the path of the run date's HTML quality report.",
      mixinStandardHelpOptions = true)
  static final class Report implements Callable<Integer> {
    @Option(names = "--date", required = true, description = "Run date (YYYY-MM-DD).")
    LocalDate date;

    @Mixin Location location;

    PipelineOptions options() {
      return location.options(date);
    }

    @Override
    public Integer call() {
      PipelineOptions options = options();
      Optional<String> path = QualityGate.reportPath(options.spark("jingzhun-quality-report"), options.warehouse(), date);
      if (path.isEmpty()) {
        System.err.println("error: no quality report for " + date + "; run `jingzhun quality --date " + date + "` first");
        return ExitCodes.ERROR;
      }
      System.out.println(path.get());
      return ExitCodes.OK;
    }
  }

  @Command(name = "suggest", description = "Print Deequ's constraint suggestions for a staged source as a rule file.",
      mixinStandardHelpOptions = true)
  static final class Suggest implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "Staged table, e.g. households.")
    String source;

    @Option(names = "--date", description = "Run date (default: the latest staged run).")
    LocalDate date;

    @Mixin Location location;

    @Override
    public Integer call() {
      PipelineOptions options = location.options(date);
      System.out.print(RuleSuggestions.suggest(options.spark("jingzhun-quality-suggest"), options.warehouse(), source,
          Optional.ofNullable(date)));
      return ExitCodes.OK;
    }
  }
}
