package io.jingzhun.quality;

import com.amazon.deequ.analyzers.DataTypeInstances;
import com.amazon.deequ.metrics.Distribution;
import com.amazon.deequ.metrics.DistributionValue;
import com.amazon.deequ.profiles.ColumnProfile;
import com.amazon.deequ.profiles.ColumnProfilerRunner;
import com.amazon.deequ.profiles.ColumnProfiles;
import com.amazon.deequ.profiles.NumericColumnProfile;
import com.amazon.deequ.profiles.StandardColumnProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Column profiles of a table (Deequ ColumnProfilerRunner: completeness, distinct values, type, numeric
 * statistics; and histograms of low-cardinality columns, computed here as Deequ would). Personal columns
 * and lineage are left out, so the profile can travel with the report.
 */
final class Profiles {
  private static final List<String> LINEAGE = List.of("source_file", "source_line", "record_key");
  /** Deequ's default: columns with at most this many distinct values get a histogram. */
  static final long LOW_CARDINALITY = 120;
  /** How Deequ's histograms name the null value. */
  static final String NULL_VALUE = "NullValue";

  /** Deequ's profile JSON and the summary rows the report shows. */
  record Profile(String json, List<ColumnSummary> columns) {}

  private Profiles() {}

  static Profile of(String table, Dataset<Row> data, Optional<ContractColumns> contract) {
    List<String> columns = new ArrayList<>();
    // Staged tables are typed: each column's type is given, so Deequ does not infer it by matching
    // every string value against regular expressions (a costly pass, and it would call a column of
    // code digits such as village_code "Integral").
    Map<String, scala.Enumeration.Value> types = new LinkedHashMap<>();
    for (StructField f : data.schema().fields()) {
      boolean simple = f.dataType() instanceof StringType || f.dataType() instanceof NumericType
          || f.dataType() instanceof BooleanType;
      boolean personal = contract.map(c -> c.personalKind(f.name()) != null).orElse(false);
      if (simple && !personal && !LINEAGE.contains(f.name()) && !f.name().startsWith("__")) {
        columns.add(f.name());
        types.put(f.name(), deequType(f.dataType()));
      }
    }
    if (columns.isEmpty()) {
      return new Profile("{\"columns\":[]}", List.of());
    }
    Dataset<Row> profiled = data.select(
        columns.stream().map(c -> org.apache.spark.sql.functions.col(TableCheck.q(c))).toArray(org.apache.spark.sql.Column[]::new));
    // Deequ's own histogram pass turns every row into an external Row and counts (column, value) tuples
    // through an RDD: at a million households that was most of the profile's time. Its first two
    // passes are kept; the histograms are one generated aggregation instead (withHistograms).
    ColumnProfiles profiles = new ColumnProfilerRunner().onData(profiled)
        .setPredefinedTypes(Scala.map(types))
        .withLowCardinalityHistogramThreshold(-1)
        .run();
    List<ColumnProfile> list = withHistograms(profiled,
        new ArrayList<>(Scala.java(profiles.profiles()).values()), LOW_CARDINALITY);
    List<ColumnSummary> summary = new ArrayList<>();
    for (String c : columns) {
      list.stream().filter(p -> p.column().equals(c)).findFirst().ifPresent(p -> summary.add(
          new ColumnSummary(table, c, p.dataType().toString(), p.completeness(), p.approximateNumDistinctValues())));
    }
    return new Profile(Masking.scrub(ColumnProfiles.toJson(Scala.seq(list))), summary);
  }

  /**
   * The profiles with a histogram for each column of at most {@code threshold} approximate distinct
   * values, as Deequ's profiler makes them: columns of string, boolean, integer or floating type (not
   * decimal), nulls counted as {@value #NULL_VALUE}, ratios over all rows.
   * One pass over the rows, whatever the number of columns.
   */
  static List<ColumnProfile> withHistograms(Dataset<Row> data, List<ColumnProfile> profiles, long threshold) {
    List<String> targets = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (ColumnProfile p : profiles) {
      if (p.approximateNumDistinctValues() > threshold || !histogramType(data.schema().apply(p.column()).dataType())) {
        continue;
      }
      values.add(targets.size() + ", CAST(" + TableCheck.q(p.column()) + " AS STRING)");
      targets.add(p.column());
    }
    if (targets.isEmpty()) {
      return profiles;
    }
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (Row r : data.selectExpr("stack(" + targets.size() + ", " + String.join(", ", values) + ") AS (column_no, value)")
        .groupBy("column_no", "value").count().collectAsList()) {
      // In value order: a histogram of four values or fewer keeps the order it is given, and the order
      // the shuffle returns them in depends on how the rows were spread.
      counts.computeIfAbsent(targets.get(r.getInt(0)), c -> new TreeMap<>())
          .put(r.isNullAt(1) ? NULL_VALUE : r.getString(1), r.getLong(2));
    }
    List<ColumnProfile> out = new ArrayList<>();
    for (ColumnProfile p : profiles) {
      Map<String, Long> perValue = counts.get(p.column());
      out.add(perValue == null ? p : withHistogram(p, distribution(perValue)));
    }
    return out;
  }

  private static boolean histogramType(DataType type) {
    return type instanceof StringType || type instanceof BooleanType || type instanceof DoubleType
        || type instanceof FloatType || type instanceof IntegerType || type instanceof LongType
        || type instanceof ShortType;
  }

  private static Distribution distribution(Map<String, Long> perValue) {
    long rows = perValue.values().stream().mapToLong(Long::longValue).sum();
    Map<String, DistributionValue> values = new LinkedHashMap<>();
    perValue.forEach((v, n) -> values.put(v, new DistributionValue(n, (double) n / rows)));
    return new Distribution(Scala.map(values), values.size());
  }

  private static ColumnProfile withHistogram(ColumnProfile p, Distribution histogram) {
    if (p instanceof NumericColumnProfile n) {
      return new NumericColumnProfile(n.column(), n.completeness(), n.approximateNumDistinctValues(), n.dataType(),
          n.isDataTypeInferred(), n.typeCounts(), Scala.some(histogram), n.kll(), n.mean(), n.maximum(), n.minimum(),
          n.sum(), n.stdDev(), n.approxPercentiles());
    }
    return new StandardColumnProfile(p.column(), p.completeness(), p.approximateNumDistinctValues(), p.dataType(),
        p.isDataTypeInferred(), p.typeCounts(), Scala.some(histogram));
  }

  private static scala.Enumeration.Value deequType(DataType type) {
    if (type instanceof StringType) {
      return DataTypeInstances.String();
    }
    if (type instanceof BooleanType) {
      return DataTypeInstances.Boolean();
    }
    if (type instanceof DecimalType || type instanceof DoubleType || type instanceof FloatType) {
      return DataTypeInstances.Fractional();
    }
    return DataTypeInstances.Integral();
  }
}
