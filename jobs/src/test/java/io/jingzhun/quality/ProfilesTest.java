package io.jingzhun.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.metrics.Distribution;
import com.amazon.deequ.metrics.DistributionValue;
import com.amazon.deequ.profiles.ColumnProfile;
import com.amazon.deequ.profiles.ColumnProfilerRunner;
import com.amazon.deequ.profiles.NumericColumnProfile;
import io.jingzhun.common.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The column profiles are Deequ's, histograms included, computed in fewer passes over the rows. */
class ProfilesTest {

  private static Dataset<Row> households() {
    // Codes, a flag, a count, money (staged as double), a decimal (Deequ gives it no histogram), a year
    // with nulls, a free text with more than 120 values.
    return TestSpark.get().sql("SELECT CAST(id % 7 AS STRING) AS county_code, id % 3 = 0 AS safe_water,"
        + " CAST(id % 9 + 1 AS INT) AS registered_size, CAST((id % 5) * 1290 AS DOUBLE) AS transfer_pension,"
        + " CAST(id % 4 AS DECIMAL(12, 2)) AS cultivated_mu,"
        + " CAST(CASE WHEN id % 4 = 0 THEN NULL ELSE 2016 + id % 5 END AS INT) AS exit_year,"
        + " CAST(id % 3 AS BIGINT) AS livestock_head, concat('village ', id) AS village_name"
        + " FROM range(0, 1000)");
  }

  @Test
  void histogramsAreDeequsOwn() {
    Dataset<Row> data = households();
    Map<String, scala.Enumeration.Value> types = new java.util.LinkedHashMap<>();
    types.put("county_code", com.amazon.deequ.analyzers.DataTypeInstances.String());
    types.put("safe_water", com.amazon.deequ.analyzers.DataTypeInstances.Boolean());
    types.put("registered_size", com.amazon.deequ.analyzers.DataTypeInstances.Integral());
    types.put("transfer_pension", com.amazon.deequ.analyzers.DataTypeInstances.Fractional());
    types.put("cultivated_mu", com.amazon.deequ.analyzers.DataTypeInstances.Fractional());
    types.put("exit_year", com.amazon.deequ.analyzers.DataTypeInstances.Integral());
    types.put("livestock_head", com.amazon.deequ.analyzers.DataTypeInstances.Integral());
    types.put("village_name", com.amazon.deequ.analyzers.DataTypeInstances.String());
    List<ColumnProfile> deequs = new ArrayList<>(Scala.java(new ColumnProfilerRunner().onData(data)
        .setPredefinedTypes(Scala.map(types)).run().profiles()).values());
    List<ColumnProfile> withoutHistograms = new ArrayList<>(Scala.java(new ColumnProfilerRunner().onData(data)
        .setPredefinedTypes(Scala.map(types)).withLowCardinalityHistogramThreshold(-1).run().profiles()).values());
    assertThat(withoutHistograms).allSatisfy(p -> assertThat(p.histogram().isEmpty()).isTrue());

    List<ColumnProfile> ours = Profiles.withHistograms(data, withoutHistograms, Profiles.LOW_CARDINALITY);

    Map<String, ColumnProfile> expected = byColumn(deequs);
    Map<String, ColumnProfile> actual = byColumn(ours);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    int withHistogram = 0;
    for (String column : expected.keySet()) {
      ColumnProfile e = expected.get(column);
      ColumnProfile a = actual.get(column);
      assertThat(histogram(a)).as(column).isEqualTo(histogram(e));
      assertThat(a.histogram().isDefined() ? a.histogram().get().numberOfBins() : -1).as(column + " bins")
          .isEqualTo(e.histogram().isDefined() ? e.histogram().get().numberOfBins() : -1);
      assertThat(a.completeness()).as(column).isEqualTo(e.completeness());
      assertThat(a.dataType()).as(column).isEqualTo(e.dataType());
      assertThat(a instanceof NumericColumnProfile).as(column + " numeric").isEqualTo(e instanceof NumericColumnProfile);
      if (a instanceof NumericColumnProfile an && e instanceof NumericColumnProfile en) {
        assertThat(an.mean()).as(column).isEqualTo(en.mean());
        assertThat(an.sum()).as(column).isEqualTo(en.sum());
        assertThat(an.stdDev()).as(column).isEqualTo(en.stdDev());
      }
      withHistogram += e.histogram().isDefined() ? 1 : 0;
    }
    assertThat(withHistogram).as("every column but the free text has a histogram").isEqualTo(6);
    assertThat(histogram(actual.get("exit_year"))).containsEntry(Profiles.NULL_VALUE, "250 0.25");
    assertThat(histogram(actual.get("transfer_pension"))).containsEntry("1290.0", "200 0.2");
    assertThat(actual.get("village_name").histogram().isEmpty()).isTrue();
    assertThat(actual.get("cultivated_mu").histogram().isEmpty()).isTrue();
  }

  @Test
  void aTableProfileKeepsPersonalColumnsOut() {
    Dataset<Row> data = households().selectExpr("*", "'王小明' AS head_name");
    Profiles.Profile p = Profiles.of("households", data, ContractColumns.of("households"));
    assertThat(p.json()).doesNotContain("王小明").contains("\"NullValue\"").contains("\"1290.0\"");
    assertThat(p.columns()).extracting(ColumnSummary::column).doesNotContain("head_name").contains("exit_year");
  }

  @Test
  void aProfileReadsTheSameHoweverTheRowsAreSpread() {
    // Four values or fewer keep the order they are found in; the shuffle's partition count decides it.
    Dataset<Row> data = households().selectExpr("*", "CAST(registered_size % 4 AS STRING) AS health");
    org.apache.spark.sql.RuntimeConfig conf = TestSpark.get().conf();
    String before = conf.get("spark.sql.shuffle.partitions");
    List<String> profiles = new ArrayList<>();
    try {
      for (String partitions : List.of("1", "3", "5", "7")) {
        conf.set("spark.sql.shuffle.partitions", partitions);
        profiles.add(Profiles.of("households", data, ContractColumns.of("households")).json());
      }
    } finally {
      conf.set("spark.sql.shuffle.partitions", before);
    }
    assertThat(profiles).allSatisfy(p -> assertThat(p).isEqualTo(profiles.get(0)));
  }

  private static Map<String, ColumnProfile> byColumn(List<ColumnProfile> profiles) {
    Map<String, ColumnProfile> out = new TreeMap<>();
    profiles.forEach(p -> out.put(p.column(), p));
    return out;
  }

  private static Map<String, String> histogram(ColumnProfile p) {
    Map<String, String> out = new TreeMap<>();
    if (p.histogram().isDefined()) {
      Distribution d = p.histogram().get();
      for (Map.Entry<String, DistributionValue> e : Scala.java(d.values()).entrySet()) {
        out.put(e.getKey(), e.getValue().absolute() + " " + e.getValue().ratio());
      }
    }
    return out;
  }
}
