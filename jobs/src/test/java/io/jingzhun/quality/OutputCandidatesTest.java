package io.jingzhun.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.jingzhun.common.TestSpark;
import io.jingzhun.common.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidate output tables, addressed by name and location, checked with the output rules and per-county trends. */
class OutputCandidatesTest {
  @TempDir Path dir;

  private CandidateTable countyIndex(String night, double... hA) {
    StructType schema = new StructType().add("county_code", DataTypes.StringType).add("H", DataTypes.DoubleType)
        .add("A", DataTypes.DoubleType).add("M0", DataTypes.DoubleType);
    List<Row> rows = List.of(
        RowFactory.create("630222", hA[0], hA[1], hA[0] * hA[1]),
        RowFactory.create("630223", hA[2], hA[3], hA.length > 4 ? hA[4] : hA[2] * hA[3]));
    String location = dir.resolve("candidates/county_index/" + night).toUri().toString();
    TestSpark.get().createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(location);
    return new CandidateTable("county_index", location);
  }

  @Test
  void headlineMeasuresPerCountyAreWatchedAcrossNightsAndTheIdentityIsChecked() {
    Warehouse w = Warehouse.at(dir.resolve("warehouse").toString());
    List<RuleFile> rules = List.of(RuleFiles.load("county_index"));
    ReferenceLists refs = ReferenceLists.of(Map.of());
    QualityOutcome first = QualityGate.check(TestSpark.get(), w, LocalDate.of(2026, 3, 1),
        List.of(countyIndex("n1", 0.30, 0.50, 0.20, 0.40)), rules, refs, false);
    assertThat(first.passed()).isTrue();
    assertThat(first.anomalies()).hasSize(4).noneMatch(AnomalyResult::anomalous);

    QualityOutcome second = QualityGate.check(TestSpark.get(), w, LocalDate.of(2026, 3, 2),
        List.of(countyIndex("n2", 0.50, 0.50, 0.21, 0.40, 0.2)), rules, refs, false);
    AnomalyResult h = second.anomalies().stream()
        .filter(a -> a.name().equals("county_h") && "630222".equals(a.group())).findFirst().orElseThrow();
    assertThat(h.anomalous()).as("H rose by 20 points in a night").isTrue();
    assertThat(h.history()).containsExactly(new MetricPoint(LocalDate.of(2026, 3, 1), 0.30));
    assertThat(second.anomalies().stream()
        .filter(a -> a.name().equals("county_h") && "630223".equals(a.group())).findFirst().orElseThrow()
        .anomalous()).isFalse();
    RuleResult identity = QualityGateTest.result(second, "county_index", "m0_is_h_times_a");
    assertThat(identity.failingRows()).as("630223: M0 0.2 but H × A = 0.084").isEqualTo(1);
    assertThat(second.passed()).isFalse();
    assertThat(second.blocking()).containsExactly("county_index.m0_is_h_times_a failed");
  }
}
