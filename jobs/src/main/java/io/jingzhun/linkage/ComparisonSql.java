package io.jingzhun.linkage;

import io.jingzhun.linkage.LinkageModel.Comparison;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.collection.JavaConverters;

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

  /**
   * {@code condition} over a pair of profiles l and r, with a 64-bit hash of the columns it equates
   * ({@code l.x = r.x} among its top-level conjuncts) equated ahead of it; the condition itself is kept
   * whole, so the pairs it finds are the same. Why: Spark joins on equalities by sorting both sides
   * on the equated columns, comparing rows by the first 8 bytes of the first one, and codes share long
   * prefixes (every village code of a county starts with the county's six digits, every ID prefix with
   * an address code). Rows then tie on the prefix and are compared in full. A hash first makes the
   * prefix all but unique: at a million households, sorting the blocking joins' sides took half the
   * time (docs/operations.md, "Where the time goes"). A condition that equates no column of the same
   * name on both sides comes back unchanged, in parentheses like the other.
   */
  static String hashKeysFirst(String condition) {
    List<String> equated = equatedColumns(condition);
    if (equated.isEmpty()) {
      return "(" + condition + ")";
    }
    return "(xxhash64(" + String.join(", ", equated.stream().map(c -> "l." + c).toList()) + ") = xxhash64("
        + String.join(", ", equated.stream().map(c -> "r." + c).toList()) + ") AND (" + condition + "))";
  }

  /**
   * Conditions whose pairs together are those of {@code condition}: the condition itself, or, when
   * one of its top-level conjuncts asks something of either profile ({@code P(l) OR Q(r)}, each side
   * reading one profile only), the condition with {@code P(l)} and the condition with {@code Q(r)}.
   * Why: Spark filters a profile by a conjunct that reads only that profile before it joins, but not by
   * such an alternative, so a join on the condition as written meets every pair agreeing on its keys.
   * At a million households {@code county_and_name_without_birth_date} met 188.6 million pairs of
   * namesakes in a county to keep the 7.5 million where one of them has no birth date; its two branches
   * meet only those (docs/operations.md, "Where the time goes"). Pairs found by both branches are the
   * same pair twice, which the caller groups.
   */
  static List<String> oneSidedBranches(String condition) {
    List<Expression> conjuncts = new ArrayList<>();
    collectConjuncts(CatalystSqlParser$.MODULE$.parseExpression(condition), conjuncts);
    for (Expression e : conjuncts) {
      if (e instanceof Or or) {
        String left = sideOf(or.left());
        String right = sideOf(or.right());
        if (left != null && right != null && !left.equals(right)) {
          return List.of("(" + condition + ") AND " + or.left().sql(), "(" + condition + ") AND " + or.right().sql());
        }
      }
    }
    return List.of(condition);
  }

  private static void collectConjuncts(Expression e, List<Expression> out) {
    if (e instanceof And and) {
      collectConjuncts(and.left(), out);
      collectConjuncts(and.right(), out);
    } else {
      out.add(e);
    }
  }

  /** "l" or "r" when every column {@code e} reads is of that profile (and it reads one), else null. */
  private static String sideOf(Expression e) {
    List<String> sides = new ArrayList<>();
    collectSides(e, sides);
    if (sides.isEmpty() || !sides.stream().allMatch(sides.get(0)::equals)) {
      return null;
    }
    return sides.get(0).equals("l") || sides.get(0).equals("r") ? sides.get(0) : null;
  }

  private static void collectSides(Expression e, List<String> out) {
    if (e instanceof UnresolvedAttribute a) {
      List<String> parts = JavaConverters.seqAsJavaList(a.nameParts());
      out.add(parts.size() == 2 ? parts.get(0) : "?");
    } else if (e.children().isEmpty() && !(e instanceof Literal)) {
      out.add("?"); // some other leaf (a star, a function without arguments): not known to be one-sided
    } else {
      JavaConverters.seqAsJavaList(e.children()).forEach(c -> collectSides(c, out));
    }
  }

  /**
   * Columns x of the top-level conjuncts {@code l.x = r.x} (or {@code r.x = l.x}) of {@code condition},
   * in their order: every pair it finds agrees on them.
   */
  private static List<String> equatedColumns(String condition) {
    List<Expression> conjuncts = new ArrayList<>();
    collectConjuncts(CatalystSqlParser$.MODULE$.parseExpression(condition), conjuncts);
    List<String> out = new ArrayList<>();
    for (Expression e : conjuncts) {
      if (e instanceof EqualTo eq && eq.left() instanceof UnresolvedAttribute a
          && eq.right() instanceof UnresolvedAttribute b) {
        // Same name on both sides: the same column of the same profiles, so of one type, and equal values
        // hash alike (columns of different types could be equal after a cast yet hash apart).
        List<String> x = JavaConverters.seqAsJavaList(a.nameParts());
        List<String> y = JavaConverters.seqAsJavaList(b.nameParts());
        if (x.size() == 2 && y.size() == 2 && x.get(1).equals(y.get(1)) && !out.contains(x.get(1))
            && (x.get(0).equals("l") && y.get(0).equals("r") || x.get(0).equals("r") && y.get(0).equals("l"))) {
          out.add(x.get(1));
        }
      }
    }
    return out;
  }
}
