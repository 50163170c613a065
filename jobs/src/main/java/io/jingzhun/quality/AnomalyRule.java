package io.jingzhun.quality;

/**
 * A metric watched across nights: tonight's value is judged against the history in the metrics
 * repository with a Deequ anomaly detection strategy.
 *
 * @param metric {@code row_count}, {@code completeness} (of column), {@code compliance} (of a rule) or
 *     {@code mean} (of column; with {@code per} one series per value of that column, e.g. per county)
 * @param maxDecrease, maxIncrease bounds of the change strategies (relative: ratios, e.g. 0.7 and 1.5)
 * @param lower, upper bounds of {@code simple_threshold}
 */
public record AnomalyRule(
    String name,
    String metric,
    String column,
    String rule,
    String per,
    String strategy,
    Double maxDecrease,
    Double maxIncrease,
    Double lower,
    Double upper,
    Level level,
    String description) {

  /** Deequ's metric name for this kind of metric. */
  String deequMetricName() {
    return switch (metric) {
      case "row_count" -> "Size";
      case "completeness" -> "Completeness";
      case "compliance" -> "Compliance";
      case "mean" -> "Mean";
      default -> throw new IllegalStateException("unknown metric " + metric);
    };
  }

  /** Deequ's metric instance: the column, the rule name, or '*' for the row count. */
  String deequInstance() {
    return switch (metric) {
      case "row_count" -> "*";
      case "compliance" -> rule;
      default -> column;
    };
  }

  /** How the strategy reads, for auditors. */
  String strategyDescription() {
    return switch (strategy) {
      case "relative_rate_of_change" ->
          "relative change vs previous night: ratio within ["
              + fmt(maxDecrease) + ", " + fmt(maxIncrease) + "]";
      case "absolute_change" ->
          "absolute change vs previous night within [" + fmt(maxDecrease) + ", " + fmt(maxIncrease) + "]";
      case "simple_threshold" -> "value within [" + fmt(lower) + ", " + fmt(upper) + "]";
      default -> strategy;
    };
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.valueOf(d);
  }
}
