package io.jingzhun.quality;

import io.jingzhun.common.SparkSessions;
import io.jingzhun.common.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Not a test: {@code bin/bench-quality} runs it. Writes Haidong-scale staged tables (48,377 households,
 * 175,548 members and the other departments' extracts at plausible sizes) with a few percent of defects,
 * then runs the gate for two nights and prints how long each took and where the time went.
 */
public final class QualityGateBenchmark {
  private QualityGateBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("jingzhun-bench-quality");
    Warehouse w = Warehouse.at(dir.resolve("warehouse").toString());
    SparkSession spark = SparkSessions.getOrCreate("jingzhun-bench-quality");
    spark.sparkContext().setLogLevel("ERROR");
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("households", 48_377);
    sizes.put("members", 175_548);
    sizes.put("civil_affairs", 30_000);
    sizes.put("education", 40_000);
    sizes.put("finance_payments", 150_000);
    sizes.put("finance_payroll", 20_000);
    String[] attributes = {"ordinary", "dibao", "tekun"};
    String[] causes = {"illness", "disability", "schooling", "land", "labour", "capital", "other"};
    List<LocalDate> nights = List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
    for (LocalDate night : nights) {
      long g = System.nanoTime();
      for (Map.Entry<String, Integer> e : sizes.entrySet()) {
        String t = e.getKey();
        StagedTables.write(w, t, night, StagedTables.build(t, e.getValue(), (i, v) -> {
          if (v.containsKey("attribute")) {
            v.put("attribute", attributes[i % 3]);
            v.put("main_cause", causes[i % causes.length]);
            v.put("registered_size", 1 + i % 7);
            v.put("wage_income", (double) (i * 37 % 20_000));
          }
          if (t.equals("finance_payments")) {
            v.put("household_id", StagedTables.householdId(i % 60_000));
          }
          if (i % 50 == 7) { // 2% invalid ID numbers
            v.keySet().stream().filter(k -> k.endsWith("_issue")).toList().forEach(k -> v.put(k, "BAD_CHECK_CHARACTER"));
          }
        }).repartition(4));
      }
      double gen = (System.nanoTime() - g) / 1e9;
      long s = System.nanoTime();
      QualityOutcome o = QualityGate.check(spark, w, night, List.of(), RuleFiles.loadAll(),
          ReferenceLists.of(Map.of(ReferenceLists.PROGRAMMES, "programmes: [DIBAO, TEKUN, ECO_COMP, PENSION]")));
      double gate = (System.nanoTime() - s) / 1e9;
      long rows = o.reconciliation().stream().mapToLong(Reconciliation::staged).sum();
      long failed = o.results().stream().filter(r -> !r.passed()).count();
      System.out.printf("night %s: generated %,d staged rows in %.1f s; gate %s in %.1f s (%,.0f rows/s), "
          + "%d rules, %d failed%n", night, rows, gen, o.passed() ? "PASSED" : "BLOCKED", gate, rows / gate,
          o.results().size(), failed);
      Map<String, Long> byStep = new LinkedHashMap<>();
      o.timingsMs().forEach((k, v) -> {
        if (k.contains(".")) {
          byStep.merge(k.substring(k.indexOf('.') + 1), v, Long::sum);
        }
      });
      System.out.println("  time by step (s): " + byStep.entrySet().stream()
          .map(x -> x.getKey() + "=" + String.format("%.1f", x.getValue() / 1000.0)).toList());
      o.blocking().forEach(b -> System.out.println("  blocking: " + b));
    }
    System.out.println("warehouse: " + w.root());
  }
}
