package io.jingzhun.linkage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.jingzhun.common.HadoopFiles;
import io.jingzhun.common.Warehouse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Linkage and findings measured against a generator's truth ({@code truth/<date>/records.csv}: table,
 * source_file, source_line, person_id, household_id; {@code defects.csv}: kind, code, table,
 * source_file, source_line, person_id, household_id, expected). Pairwise precision, recall and F1 over
 * records present in both the crosswalk and the truth; per audit rule, injected defects found and
 * findings the truth does not explain.
 */
public final class LinkEvaluation {
  private LinkEvaluation() {}

  /** Counts per finding rule: injected audit defects, of them found, findings, of them unexplained. */
  public record RuleScore(long injected, long found, long findings, long unexplained) {}

  /**
   * Findings the truth explains by a data defect of one of their records (no audit case is planted for
   * them): a payment whose recipient ID the generator removed or mistyped can only be reported as paid
   * to someone without a valid ID.
   */
  static final Map<String, List<String>> DATA_DEFECT_FINDINGS =
      Map.of("PAYMENT_WITHOUT_RECIPIENT_ID", List.of("ID_MISSING", "ID_MISTYPED"));

  public record Result(long truthRecords, long linkedRecords, long evaluatedRecords, long truePairs,
      long predictedPairs, long correctPairs, Map<String, RuleScore> rules) {
    public Result {
      rules = new TreeMap<>(rules);
    }

    public double precision() {
      return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
      return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long missedDefects() {
      return rules.values().stream().mapToLong(s -> s.injected() - s.found()).sum();
    }

    public long unexplainedFindings() {
      return rules.values().stream().mapToLong(RuleScore::unexplained).sum();
    }

    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("records: truth %,d, crosswalk %,d, evaluated (in both) %,d%n", truthRecords,
          linkedRecords, evaluatedRecords));
      sb.append(String.format("pairs: true %,d, predicted %,d, correct %,d%n", truePairs, predictedPairs, correctPairs));
      sb.append(String.format("precision %.5f  recall %.5f  F1 %.5f%n", precision(), recall(), f1()));
      if (!rules.isEmpty()) {
        sb.append(String.format("%-30s %9s %9s %9s %12s%n", "finding rule", "injected", "found", "findings", "unexplained"));
        rules.forEach((k, s) -> sb.append(String.format("%-30s %9d %9d %9d %12d%n", k, s.injected(), s.found(),
            s.findings(), s.unexplained())));
        sb.append(String.format("defects missed: %d, findings unexplained: %d%n", missedDefects(), unexplainedFindings()));
      }
      return sb.toString();
    }

    public Map<String, Object> toJsonTree() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("truth_records", truthRecords);
      out.put("crosswalk_records", linkedRecords);
      out.put("evaluated_records", evaluatedRecords);
      out.put("true_pairs", truePairs);
      out.put("predicted_pairs", predictedPairs);
      out.put("correct_pairs", correctPairs);
      out.put("precision", precision());
      out.put("recall", recall());
      out.put("f1", f1());
      Map<String, Object> r = new TreeMap<>();
      rules.forEach((k, s) -> r.put(k, Map.of("injected", s.injected(), "found", s.found(), "findings", s.findings(),
          "unexplained", s.unexplained())));
      out.put("findings", r);
      return out;
    }
  }

  /** The truth folder of a run date: DIR/truth/D, DIR/D or DIR itself, whichever holds records.csv. */
  public static String truthFolder(HadoopFiles files, String dir, LocalDate runDate) {
    String root = Warehouse.Locations.toUri(dir);
    for (String candidate : new String[] {root + "/truth/" + runDate, root + "/" + runDate, root}) {
      if (files.exists(candidate + "/records.csv")) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("no records.csv under " + root + "/truth/" + runDate + ", " + root + "/"
        + runDate + " or " + root + " (expected the generator's truth)");
  }

  public static Result run(SparkSession spark, String truthDir, Warehouse warehouse, LocalDate runDate) {
    HadoopFiles files = HadoopFiles.of(spark);
    String folder = truthFolder(files, truthDir, runDate);
    Dataset<Row> truth = spark.read().option("header", "true").option("inferSchema", "false").csv(folder + "/records.csv");
    Dataset<Row> crosswalk = spark.read().parquet(warehouse.partition(Warehouse.Layer.LINKED, Linkage.CROSSWALK, runDate));
    Dataset<Row> defects = files.exists(folder + "/defects.csv")
        ? spark.read().option("header", "true").csv(folder + "/defects.csv") : null;
    String findingsPath = warehouse.partition(Warehouse.Layer.LINKED, "findings", runDate);
    Dataset<Row> findings = files.exists(findingsPath) ? spark.read().parquet(findingsPath) : null;
    Result result = evaluate(truth, crosswalk, defects, findings);
    try {
      files.writeString(warehouse.runRecords("link-eval", runDate) + "/evaluation.json",
          new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
              .writeValueAsString(result.toJsonTree()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the evaluation record", e);
    }
    return result;
  }

  /**
   * @param truth columns table, source_file, source_line, person_id
   * @param crosswalk columns record_key, person_id
   * @param defects may be null; audit rows (kind = audit) with code, table, source_file, source_line, household_id
   * @param findings may be null; columns rule_code, household_id, source_records
   */
  public static Result evaluate(Dataset<Row> truth, Dataset<Row> crosswalk, Dataset<Row> defects, Dataset<Row> findings) {
    Dataset<Row> t = truth.selectExpr("concat_ws(':', `table`, source_file, CAST(source_line AS STRING)) AS record_key",
        "CAST(person_id AS STRING) AS true_person");
    Dataset<Row> c = crosswalk.selectExpr("record_key", "person_id AS predicted_person");
    Dataset<Row> both = t.join(c, "record_key").persist();
    long truthRecords = t.count();
    long linkedRecords = c.count();
    long evaluated = both.count();
    long truePairs = pairs(both, "true_person");
    long predictedPairs = pairs(both, "predicted_person");
    long correctPairs = both.groupBy("true_person", "predicted_person").count()
        .agg(expr("coalesce(sum(count * (count - 1) DIV 2), 0L)")).first().getLong(0);
    Map<String, RuleScore> rules = new TreeMap<>();
    if (defects != null && findings != null) {
      Dataset<Row> d = defects.where("kind = 'audit'").selectExpr("code",
          "concat_ws(':', `table`, source_file, CAST(source_line AS STRING)) AS defect_record",
          "nullif(household_id, '') AS defect_household")
          .withColumn("defect_id", expr("monotonically_increasing_id()")).persist();
      Dataset<Row> f = findings.selectExpr("rule_code", "household_id", "source_records")
          .withColumn("finding_id", expr("monotonically_increasing_id()")).persist();
      // A finding explains a defect of the same code that names one of its records or its household.
      String explains = "code = rule_code AND (array_contains(source_records, defect_record)"
          + " OR (defect_household IS NOT NULL AND defect_household = household_id))";
      Dataset<Row> matched = d.join(f, expr(explains)).persist();
      // Some findings are the expected consequence of a data defect rather than of a planted audit case.
      Dataset<Row> dataCauses = defects.where("kind = 'data'").join(
              defects.sparkSession().createDataFrame(DATA_DEFECT_FINDINGS.entrySet().stream()
                  .flatMap(e -> e.getValue().stream().map(code -> RowFactory.create(code, e.getKey()))).toList(),
                  new StructType().add("data_code", DataTypes.StringType).add("finding_code", DataTypes.StringType)),
              col("code").equalTo(col("data_code")))
          .selectExpr("finding_code AS code",
              "concat_ws(':', `table`, source_file, CAST(source_line AS STRING)) AS defect_record",
              "CAST(NULL AS STRING) AS defect_household");
      Dataset<Row> explained = matched.select("finding_id")
          .unionByName(dataCauses.join(f, expr(explains)).select("finding_id"));
      Map<String, long[]> acc = new TreeMap<>();
      for (Row r : d.groupBy("code").count().collectAsList()) {
        acc.computeIfAbsent(r.getString(0), k -> new long[4])[0] = r.getLong(1);
      }
      for (Row r : matched.groupBy("code").agg(expr("count(DISTINCT defect_id)")).collectAsList()) {
        acc.computeIfAbsent(r.getString(0), k -> new long[4])[1] = r.getLong(1);
      }
      for (Row r : f.groupBy("rule_code").count().collectAsList()) {
        acc.computeIfAbsent(r.getString(0), k -> new long[4])[2] = r.getLong(1);
      }
      Dataset<Row> unexplained = f.join(explained.distinct(), new String[] {"finding_id"}, "left_anti");
      for (Row r : unexplained.groupBy("rule_code").count().collectAsList()) {
        acc.computeIfAbsent(r.getString(0), k -> new long[4])[3] = r.getLong(1);
      }
      acc.forEach((k, v) -> rules.put(k, new RuleScore(v[0], v[1], v[2], v[3])));
    }
    return new Result(truthRecords, linkedRecords, evaluated, truePairs, predictedPairs, correctPairs, rules);
  }

  private static long pairs(Dataset<Row> df, String column) {
    return df.groupBy(column).count().agg(expr("coalesce(sum(count * (count - 1) DIV 2), 0L)")).first()
        .getLong(0);
  }
}
