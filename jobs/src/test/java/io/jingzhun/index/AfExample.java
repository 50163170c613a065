package io.jingzhun.index;

import io.jingzhun.common.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Alkire & Foster (2011) worked example (REFERENCE §1), shared by several tests. */
final class AfExample {
  private AfExample() {}

  static final String SPEC = """
      name: alkire-foster-2011-example
      unit: person
      id: id
      k: [1/4, 2/4, 3/4, 4/4]
      indicators:
        - {name: income, dimension: living, column: x1, deprived_below: 13, weight: 0.25}
        - {name: schooling, dimension: education, column: x2, deprived_below: 12, weight: 0.25}
        - {name: health, column: x3, deprived_below: 3, weight: 0.25}
        - {name: water, dimension: living, deprived_if: "x4 < 1", weight: 0.25}
      """;

  static IndicatorSpec spec() {
    return IndicatorSpecReader.parse(SPEC, "af2011.yaml");
  }

  static Dataset<Row> people() {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType).add("region", DataTypes.StringType)
        .add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
        .add("x3", DataTypes.DoubleType).add("x4", DataTypes.DoubleType);
    List<Row> rows = List.of(
        RowFactory.create("a", "north", 13.1, 14.0, 4.0, 1.0),
        RowFactory.create("b", "north", 15.2, 7.0, 5.0, 0.0),
        RowFactory.create("c", "south", 12.5, 10.0, 1.0, 0.0),
        RowFactory.create("d", "south", 20.0, 11.0, 3.0, 1.0));
    return TestSpark.get().createDataFrame(rows, schema);
  }
}
