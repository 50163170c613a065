package io.jingzhun.cli;

import io.jingzhun.common.SparkSessions;
import io.jingzhun.common.Warehouse;
import io.jingzhun.publish.PlannerQueries;
import io.jingzhun.publish.ResultFormat;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jingzhun sql "SELECT …"}: planners' read-only queries over the published tables. */
@Command(
    name = "sql",
    description = {
      "Run a read-only Spark SQL query over the published tables.",
      "Each published table is a view by its name; <table>_history holds every committed run with run_date."
    },
    mixinStandardHelpOptions = true)
public final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "A query: SELECT, WITH … SELECT, VALUES or TABLE")
  String query;

  @Option(names = "--warehouse", defaultValue = "warehouse", description = "Warehouse location (default: ${DEFAULT-VALUE})")
  String warehouse;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--as-of", paramLabel = "DATE", description = "Use the run of this date (or the last before it)")
  String asOf;

  @Option(names = "--max-rows", defaultValue = "10000", description = "Print at most this many rows; 0 for all (default: ${DEFAULT-VALUE})")
  int maxRows;

  @Override
  public Integer call() {
    ResultFormat resultFormat = ResultFormat.parse(format);
    Optional<LocalDate> date = Optional.empty();
    if (asOf != null) {
      try {
        date = Optional.of(LocalDate.parse(asOf.strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--as-of: expected a date like 2026-11-28, got '" + asOf + "'");
      }
    }
    SparkSession spark = SparkSessions.getOrCreate("jingzhun-sql");
    // Refuse writes before opening anything, so the message is the same on an empty warehouse.
    PlannerQueries.checkReadOnly(spark, query);
    PlannerQueries queries = PlannerQueries.open(spark, Warehouse.at(warehouse), date);
    System.err.println("published run " + queries.tables().runDate() + ": " + String.join(", ", queries.tables().names()));
    // UTF-8 whatever the locale: names of places and labels are Chinese.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    ResultFormat.Printed printed = resultFormat.print(queries.query(query), out, maxRows);
    if (printed.more()) {
      System.err.println("only the first " + printed.rows() + " rows were printed; use --max-rows N (0 for all)");
    }
    return ExitCodes.OK;
  }
}
