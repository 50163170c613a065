package io.jingzhun.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The published tables of a warehouse as planners read them — through {@code jingzhun sql}, which
 * resolves tables through the publish manifests — as one sorted JSON line per row and table. Two
 * snapshots are equal when every published table holds the same rows. The tables are those with a
 * contract in {@code schemas/published/}.
 */
public final class PublishedSnapshot {
  private final Map<String, List<String>> rowsByTable;

  private PublishedSnapshot(Map<String, List<String>> rowsByTable) {
    this.rowsByTable = rowsByTable;
  }

  /** The published tables' names: one contract file per table in schemas/published/. */
  public static List<String> publishedTables() {
    Path contracts = ItEnvironment.home().resolve("schemas/published");
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(contracts)) {
      try (Stream<Path> s = Files.list(contracts)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
            .map(n -> n.substring(0, n.length() - ".json".length())).sorted().forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(names).as("published table contracts in %s (the publish stage's contracts; merge main "
        + "once they land)", contracts).isNotEmpty();
    return names;
  }

  /**
   * Reads every published table of {@code warehouse} with one {@code jingzhun sql} call (one JVM):
   * each row as {@code <table>\t<row as JSON>}.
   */
  public static PublishedSnapshot read(JingzhunCli cli, String warehouse, Path log) {
    List<String> tables = publishedTables();
    StringBuilder query = new StringBuilder();
    for (String t : tables) {
      if (query.length() > 0) {
        query.append(" UNION ALL ");
      }
      query.append("SELECT '").append(t).append("' AS table_name, to_json(struct(*)) AS row_json FROM ").append(t);
    }
    JingzhunCli.Result r = cli.run(List.of("sql", query.toString(), "--warehouse", warehouse, "--format", "csv"),
        log, Duration.ofMinutes(10));
    assertThat(r.exitCode()).as("jingzhun sql over %s; output:\n%s", warehouse, r.output()).isZero();
    Map<String, List<String>> rows = new TreeMap<>();
    tables.forEach(t -> rows.put(t, new ArrayList<>()));
    for (String line : r.output().lines().toList()) {
      int comma = line.indexOf(',');
      if (comma > 0 && rows.containsKey(line.substring(0, comma))) {
        rows.get(line.substring(0, comma)).add(line.substring(comma + 1));
      }
    }
    rows.values().forEach(l -> l.sort(null));
    return new PublishedSnapshot(rows);
  }

  public Map<String, List<String>> rowsByTable() {
    return rowsByTable;
  }

  public int totalRows() {
    return rowsByTable.values().stream().mapToInt(List::size).sum();
  }

  /** Row counts per table, for messages. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    rowsByTable.forEach((t, r) -> counts.put(t, r.size()));
    return counts;
  }
}
