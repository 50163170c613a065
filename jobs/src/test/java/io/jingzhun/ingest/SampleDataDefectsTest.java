package io.jingzhun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.ProjectFiles;
import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import io.jingzhun.common.Warehouse.Layer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data defect the generator put in {@code sample-data/} lands where its truth file says:
 * {@code staged:<column>=<value>} or {@code quarantine:<reason>}; and nothing else is quarantined.
 * Runs when the project has {@code sample-data/} (written by the generator).
 */
class SampleDataDefectsTest {
  @TempDir Path tmp;

  @Test
  void everyDefectLandsWhereTheTruthSays() throws IOException {
    Path sample = ProjectFiles.home().resolve("sample-data");
    Assumptions.assumeTrue(Files.isDirectory(sample.resolve("truth")), "no sample-data/ in this checkout");
    List<Path> dates;
    try (Stream<Path> s = Files.list(sample.resolve("truth"))) {
      dates = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(dates).isNotEmpty();
    SparkSession spark = TestSpark.get();
    Warehouse warehouse = Warehouse.at(tmp.resolve("warehouse").toString());
    for (Path truth : dates) {
      LocalDate date = LocalDate.parse(truth.getFileName().toString());
      IngestSummary summary = Ingestion.run(spark, sample.toString(), warehouse, date, List.of(),
          IngestSettings.load());
      assertThat(summary.reconciled()).isTrue();

      Map<String, Row> staged = new HashMap<>();
      Map<String, List<String>> quarantined = new HashMap<>();
      for (TableSummary t : summary.tables()) {
        for (Row r : spark.read().parquet(warehouse.partition(Layer.STAGED, t.table(), date)).collectAsList()) {
          staged.put(r.getAs("record_key"), r);
        }
        for (Row r : spark.read().parquet(warehouse.partition(Layer.QUARANTINE, t.table(), date)).collectAsList()) {
          quarantined.put(r.getAs("record_key"), r.getList(r.fieldIndex("reasons")));
        }
      }

      List<String> lines = Files.readAllLines(truth.resolve("defects.csv"), StandardCharsets.UTF_8);
      List<String> header = List.of(lines.get(0).split(","));
      int kind = header.indexOf("kind");
      int table = header.indexOf("table");
      int file = header.indexOf("source_file");
      int line = header.indexOf("source_line");
      int expected = header.indexOf("expected");
      List<String> wrong = new ArrayList<>();
      int quarantineExpected = 0;
      for (String l : lines.subList(1, lines.size())) {
        String[] f = l.split(",", -1);
        if (!f[kind].equals("data")) {
          continue;
        }
        String key = f[table] + ":" + f[file] + ":" + f[line];
        String exp = f[expected];
        if (exp.startsWith("quarantine:")) {
          quarantineExpected++;
          List<String> reasons = quarantined.get(key);
          if (reasons == null || !reasons.contains(exp.substring("quarantine:".length()))) {
            wrong.add(key + ": expected " + exp + ", got " + (reasons == null ? "not quarantined" : reasons));
          }
        } else if (exp.startsWith("staged:")) {
          String column = exp.substring(7, exp.indexOf('='));
          String value = exp.substring(exp.indexOf('=') + 1);
          Row r = staged.get(key);
          Object got = r == null ? null : r.getAs(column);
          if (r == null || !same(value, got)) {
            wrong.add(key + ": expected " + exp + ", got " + (r == null ? "not staged" : column + "=" + got));
          }
        }
      }
      assertThat(wrong).as("defects not where the truth says").isEmpty();
      assertThat(quarantined).as("quarantined rows without a defect behind them").hasSize(quarantineExpected);
    }
  }

  private static boolean same(String expected, Object got) {
    if (got == null) {
      return expected.isEmpty();
    }
    if (got instanceof Number) {
      return new BigDecimal(expected).compareTo(new BigDecimal(got.toString())) == 0;
    }
    return expected.equals(got.toString());
  }
}
