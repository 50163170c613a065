package io.jingzhun.quality;

import java.util.List;

/**
 * The rules of one table ({@code conf/quality/<table>.yaml}).
 *
 * @param layer {@code staged} (a department's staged extract) or {@code output} (a candidate table the
 *     nightly run wants to publish)
 * @param countyColumn the column naming the county, for the metrics' county tag
 * @param required a staged table that must be present for the run date (missing → error)
 * @param candidateLocation for outputs: where the candidate lives under the warehouse when the caller
 *     does not say (e.g. {@code indexed/county_index}); {@code run_date=D} is appended
 */
public record RuleFile(
    String source,
    String table,
    String layer,
    String title,
    String countyColumn,
    boolean required,
    String candidateLocation,
    List<Rule> rules,
    List<AnomalyRule> anomalies) {

  public static final String STAGED = "staged";
  public static final String OUTPUT = "output";

  public RuleFile {
    rules = List.copyOf(rules);
    anomalies = List.copyOf(anomalies);
  }

  public boolean staged() {
    return STAGED.equals(layer);
  }
}
