package io.jingzhun.quality;

/**
 * A metric Deequ computed tonight (also kept in the metrics repository).
 *
 * @param entity Dataset, Column or Multicolumn
 * @param instance the column(s) or rule; '*' for the dataset
 * @param group the group of a per-group metric (e.g. county code), else null
 */
public record MetricValue(String table, String county, String entity, String name, String instance, String group,
    double value) {}
