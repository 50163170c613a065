package io.jingzhun.cli;

import io.jingzhun.common.SparkSessions;
import io.jingzhun.common.Warehouse;
import io.jingzhun.ingest.IngestSummary;
import io.jingzhun.ingest.Ingestion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jingzhun ingest --date D --landing DIR --warehouse DIR [--table T ...]}. */
@Command(
    name = "ingest",
    description = {
      "Read the departments' files of a run date (<landing>/<date>/<table>/*.csv|jsonl|parquet),",
      "stage typed rows, quarantine unusable ones with reasons, and reconcile the counts.",
      "Re-running a date replaces that date's outputs."
    },
    mixinStandardHelpOptions = true)
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--date", required = true, description = "run date, YYYY-MM-DD")
  LocalDate date;

  @Option(names = "--landing", required = true, description = "landing folder (path or URI)")
  String landing;

  @Option(names = "--warehouse", required = true, description = "warehouse folder (path or URI)")
  String warehouse;

  @Option(names = "--table", description = "only this table (repeatable); default: every table delivered")
  List<String> tables = new ArrayList<>();

  @Override
  public Integer call() {
    IngestSummary summary = Ingestion.run(
        SparkSessions.getOrCreate("jingzhun-ingest"),
        Warehouse.Locations.toUri(landing),
        Warehouse.at(warehouse),
        date,
        tables);
    System.out.print(summary.toConsoleTable());
    return ExitCodes.OK;
  }
}
