package io.jingzhun.generate;

import java.time.LocalDate;
import java.util.Map;

/** What one generator run wrote: rows per table, planted defects per code, people, and the time taken. */
public record GenerationSummary(
    LocalDate runDate,
    long households,
    long seed,
    String profile,
    Map<String, Long> rowsPerTable,
    Map<String, Long> partsPerTable,
    Map<String, Long> auditDefects,
    Map<String, Long> dataDefects,
    long elapsedMillis) {

  public GenerationSummary {
    rowsPerTable = Map.copyOf(rowsPerTable);
    partsPerTable = Map.copyOf(partsPerTable);
    auditDefects = Map.copyOf(auditDefects);
    dataDefects = Map.copyOf(dataDefects);
  }

  public long totalRows() {
    return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
  }
}
