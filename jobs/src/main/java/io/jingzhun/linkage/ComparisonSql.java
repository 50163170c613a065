package io.jingzhun.linkage;

import io.jingzhun.linkage.LinkageModel.Comparison;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the comparison model into Spark SQL: a comparison's level as an integer column
 * {@code gamma_<name>} (0 = the first, most similar level; -1 = null, neutral) and its label as
 * {@code level_<name>}. The engine never knows what a comparison means; the model does.
 */
final class ComparisonSql {
  static final int NULL_LEVEL = -1;
  static final String MISSING = "missing";

  private ComparisonSql() {}

  static String gammaColumn(Comparison c) {
    return "gamma_" + c.name();
  }

  static String labelColumn(Comparison c) {
    return "level_" + c.name();
  }

  static String tfValueColumn(Comparison c) {
    return "tf_value_" + c.name();
  }

  /** CASE expression giving the level index of a pair of profiles aliased l and r. */
  static String gamma(Comparison c) {
    StringBuilder sb = new StringBuilder("CASE WHEN (").append(c.nullWhen()).append(") THEN ").append(NULL_LEVEL);
    for (int i = 0; i < c.levels().size() - 1; i++) {
      sb.append(" WHEN (").append(c.levels().get(i).when()).append(") THEN ").append(i);
    }
    return sb.append(" ELSE ").append(c.levels().size() - 1).append(" END").toString();
  }

  /** CASE expression turning {@code gamma_<name>} into the level's label. */
  static String label(Comparison c) {
    StringBuilder sb = new StringBuilder("CASE ").append(gammaColumn(c)).append(" WHEN ")
        .append(NULL_LEVEL).append(" THEN '").append(MISSING).append("'");
    for (int i = 0; i < c.levels().size(); i++) {
      sb.append(" WHEN ").append(i).append(" THEN '").append(c.levels().get(i).label()).append("'");
    }
    return sb.append(" END").toString();
  }

  /** Select list for a joined pair: both profile ids, whether they share a valid ID, every gamma. */
  static List<String> pairSelect(LinkageModel model) {
    List<String> cols = new ArrayList<>();
    cols.add("l.profile_id AS profile_l");
    cols.add("r.profile_id AS profile_r");
    cols.add("coalesce(l.id_number = r.id_number, false) AS same_valid_id");
    for (Comparison c : model.comparisons()) {
      cols.add("CAST(" + gamma(c) + " AS INT) AS " + gammaColumn(c));
      if (c.termFrequency() != null) {
        cols.add("l." + c.termFrequency().column() + " AS " + tfValueColumn(c));
      }
    }
    return cols;
  }

  static List<String> labelSelect(LinkageModel model) {
    List<String> cols = new ArrayList<>();
    for (Comparison c : model.comparisons()) {
      cols.add(label(c) + " AS " + labelColumn(c));
    }
    return cols;
  }
}
