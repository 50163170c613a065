package io.jingzhun.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The outcome of one ingest run: per table, rows read, staged and quarantined. No IDs, no names. */
public record IngestSummary(LocalDate runDate, List<TableSummary> tables) {
  public IngestSummary {
    tables = List.copyOf(tables);
  }

  public boolean reconciled() {
    return tables.stream().allMatch(TableSummary::reconciled);
  }

  public TableSummary table(String name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table " + name + " in the ingest of " + runDate));
  }

  /** A readable table for the console. */
  public String toConsoleTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("ingest ").append(runDate).append('\n');
    String fmt = "%-18s %5s %10s %10s %12s %10s %8s%n";
    sb.append(String.format(fmt, "table", "files", "read", "staged", "quarantined", "reconciled", "seconds"));
    for (TableSummary t : tables) {
      sb.append(String.format(fmt, t.table(), t.files().size(), t.rowsRead(), t.rowsStaged(), t.rowsQuarantined(),
          t.reconciled() ? "yes" : "NO", String.format("%.1f", t.seconds())));
    }
    for (TableSummary t : tables) {
      if (!t.quarantineByReason().isEmpty()) {
        sb.append("quarantine ").append(t.table()).append(":\n");
        for (Map.Entry<String, Long> e : t.quarantineByReason().entrySet()) {
          sb.append(String.format("  %-40s %8d%n", e.getKey(), e.getValue()));
        }
      }
      for (FileSummary f : t.files()) {
        if (!f.ignoredColumns().isEmpty()) {
          sb.append("note: ").append(f.sourceFile()).append(": columns not in the contract, not read: ")
              .append(String.join(", ", f.ignoredColumns())).append('\n');
        }
      }
    }
    return sb.toString();
  }
}
