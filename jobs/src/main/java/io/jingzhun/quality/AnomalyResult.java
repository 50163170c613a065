package io.jingzhun.quality;

import java.util.List;

/**
 * Tonight's value of a watched metric judged against its history.
 *
 * @param group the group of a per-group metric (e.g. a county code), else null
 * @param history the earlier nights' values the strategy judged against (oldest first)
 * @param detail Deequ's explanation when anomalous, or why nothing could be judged
 */
public record AnomalyResult(
    String table,
    String name,
    String metric,
    String instance,
    String group,
    Level level,
    String strategy,
    Double value,
    List<MetricPoint> history,
    boolean anomalous,
    String detail) {

  public AnomalyResult {
    history = List.copyOf(history);
  }

  public boolean blocks() {
    return anomalous && level == Level.ERROR;
  }
}
