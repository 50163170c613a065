package io.jingzhun.quality;

import java.util.List;

/** A key metric across nights, tonight included, for the report's charts. */
public record TrendSeries(String table, String label, List<MetricPoint> points) {
  public TrendSeries {
    points = List.copyOf(points);
  }
}
