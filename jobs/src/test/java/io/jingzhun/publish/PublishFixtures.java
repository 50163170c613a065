package io.jingzhun.publish;

import io.jingzhun.common.TestSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small tables matching the test contracts under test-contracts/published. */
final class PublishFixtures {
  static final PublishedContracts CONTRACTS = PublishedContracts.inFolder("test-contracts/published");
  static final PseudonymKey KEY = PseudonymKey.of("test-key-0123456789abcdef0123456789abcdef", "test");

  static final StructType SCORES = new StructType()
      .add("household_pseudonym", DataTypes.StringType)
      .add("head_pseudonym", DataTypes.StringType)
      .add("head_name_masked", DataTypes.StringType)
      .add("head_id_masked", DataTypes.StringType)
      .add("village_code", DataTypes.StringType)
      .add("members", DataTypes.IntegerType)
      .add("score", DataTypes.DoubleType)
      .add("deprived_in", DataTypes.createArrayType(DataTypes.StringType))
      .add("note", DataTypes.StringType);

  static final StructType VILLAGES = new StructType()
      .add("village_code", DataTypes.StringType)
      .add("households", DataTypes.LongType)
      .add("m0", DataTypes.DoubleType);

  private PublishFixtures() {}

  static SparkSession spark() {
    return TestSpark.get();
  }

  /** A household row; {@code score} distinguishes runs. */
  static Row household(String householdId, String headId, String headName, double score, String note) {
    return RowFactory.create(
        Pseudonyms.of(KEY, Pseudonyms.HOUSEHOLD, householdId),
        Pseudonyms.of(KEY, Pseudonyms.PERSON, headId),
        io.jingzhun.identity.ChineseNames.mask(headName),
        io.jingzhun.identity.ResidentIds.mask(headId),
        "632122100201",
        3,
        score,
        List.of("education", "housing"),
        note);
  }

  static Dataset<Row> scores(Row... rows) {
    return spark().createDataFrame(List.of(rows), SCORES);
  }

  static Dataset<Row> villages(double m0) {
    return villages(spark(), m0);
  }

  static Dataset<Row> villages(SparkSession spark, double m0) {
    return spark.createDataFrame(List.of(RowFactory.create("632122100201", 2L, m0)), VILLAGES);
  }

  /** Both tables of a run whose scores are {@code base} and {@code base + 0.1}. */
  static Map<String, Dataset<Row>> run(double base) {
    return run(spark(), base);
  }

  static Map<String, Dataset<Row>> run(SparkSession spark, double base) {
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put("household_scores", spark.createDataFrame(List.of(
        household("6321221002010001", "630222199001011234", "王小明", base, "纸质档案已核对"),
        household("6321221002010002", "11010519491231002X", "才让·多杰", base + 0.1, null)), SCORES));
    tables.put("village_summary", villages(spark, base / 2));
    return tables;
  }

  static List<Row> sorted(Dataset<Row> table) {
    return new ArrayList<>(table.orderBy(table.columns()[0]).collectAsList());
  }
}
