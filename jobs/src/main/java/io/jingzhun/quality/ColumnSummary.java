package io.jingzhun.quality;

/** One column's profile (Deequ ColumnProfiler), as the report shows it; personal columns are not profiled. */
public record ColumnSummary(String table, String column, String dataType, double completeness, long approxDistinct) {}
