package io.jingzhun.quality;

import com.amazon.deequ.analyzers.DataTypeInstances;
import com.amazon.deequ.profiles.ColumnProfile;
import com.amazon.deequ.profiles.ColumnProfilerRunner;
import com.amazon.deequ.profiles.ColumnProfiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Column profiles of a table (Deequ ColumnProfilerRunner: completeness, distinct values, type, and
 * histograms of low-cardinality columns). Personal columns and lineage are left out, so the profile
 * can travel with the report.
 */
final class Profiles {
  private static final List<String> LINEAGE = List.of("source_file", "source_line", "record_key");

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
    ColumnProfiles profiles = new ColumnProfilerRunner().onData(data.select(
        columns.stream().map(c -> org.apache.spark.sql.functions.col("`" + c + "`")).toArray(org.apache.spark.sql.Column[]::new)))
        .setPredefinedTypes(Scala.map(types))
        .run();
    List<ColumnProfile> list = new ArrayList<>(Scala.java(profiles.profiles()).values());
    List<ColumnSummary> summary = new ArrayList<>();
    for (String c : columns) {
      list.stream().filter(p -> p.column().equals(c)).findFirst().ifPresent(p -> summary.add(
          new ColumnSummary(table, c, p.dataType().toString(), p.completeness(), p.approximateNumDistinctValues())));
    }
    return new Profile(Masking.scrub(ColumnProfiles.toJson(Scala.seq(list))), summary);
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
