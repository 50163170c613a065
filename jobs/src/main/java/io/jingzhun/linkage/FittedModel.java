package io.jingzhun.linkage;

import io.jingzhun.linkage.LinkageModel.Comparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters one run estimated: λ, and m and u per comparison level, with how they were found
 * (EM passes, convergence). Written with every run so a link can be explained and the run reproduced.
 *
 * @param lambda prior probability that two random profiles are the same person
 * @param lambdaSource how λ was found (pass 1 estimate or the configured fallback)
 * @param comparisons fitted levels per comparison, in model order
 * @param emPasses one entry per training blocking rule
 */
public record FittedModel(
    double lambda, String lambdaSource, List<ComparisonFit> comparisons, List<EmPass> emPasses) {

  public FittedModel {
    comparisons = List.copyOf(comparisons);
    emPasses = List.copyOf(emPasses);
  }

  /** m and u of one level; {@code mTrainedBy} lists the EM passes whose estimates were averaged. */
  public record LevelFit(String label, double m, double u, List<String> mTrainedBy) {
    public LevelFit {
      mTrainedBy = List.copyOf(mTrainedBy);
    }

    /** log2(m/u): the level's match weight without term-frequency adjustment. */
    public double weight() {
      return Math.log(m / u) / Math.log(2);
    }
  }

  public record ComparisonFit(String name, List<LevelFit> levels) {
    public ComparisonFit {
      levels = List.copyOf(levels);
    }
  }

  /** One EM run: which comparisons it trained, and whether it really converged. */
  public record EmPass(String blockingRule, List<String> trained, long pairs, int iterations,
      boolean converged, double lastChange, double lambdaInBlock) {
    public EmPass {
      trained = List.copyOf(trained);
    }
  }

  public double priorWeight() {
    return Math.log(lambda / (1 - lambda)) / Math.log(2);
  }

  public ComparisonFit comparison(String name) {
    return comparisons.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fitted comparison '" + name + "'"));
  }

  /**
   * Spark SQL for the match weight of a pair with {@code gamma_*} columns (and {@code tf_u_<name>}
   * for term-frequency adjusted comparisons): prior weight plus log2(m/u) of each level, nulls 0.
   */
  public String weightSql(LinkageModel model) {
    StringBuilder sb = new StringBuilder("(").append(Double.toString(priorWeight()));
    for (Comparison c : model.comparisons()) {
      ComparisonFit fit = comparison(c.name());
      sb.append(" + CASE ").append(ComparisonSql.gammaColumn(c));
      for (int g = 0; g < fit.levels().size(); g++) {
        LevelFit level = fit.levels().get(g);
        String w = Double.toString(level.weight());
        if (c.termFrequency() != null && c.termFrequency().level().equals(level.label())) {
          // Term-frequency adjustment: u is the frequency of this very value (a common name agrees by chance more often).
          w = "log2(" + level.m() + " / greatest(coalesce(tf_u_" + c.name() + ", " + level.u() + "), "
              + c.termFrequency().minimumU() + "))";
        }
        sb.append(" WHEN ").append(g).append(" THEN ").append(w);
      }
      sb.append(" ELSE 0.0 END");
    }
    return sb.append(")").toString();
  }

  /** A JSON-ready tree (Jackson serialises maps and lists). */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("lambda", lambda);
    out.put("lambda_source", lambdaSource);
    out.put("prior_weight", priorWeight());
    List<Object> comps = new ArrayList<>();
    for (ComparisonFit c : comparisons) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("comparison", c.name());
      List<Object> levels = new ArrayList<>();
      for (LevelFit l : c.levels()) {
        Map<String, Object> lm = new LinkedHashMap<>();
        lm.put("level", l.label());
        lm.put("m", l.m());
        lm.put("u", l.u());
        lm.put("weight", l.weight());
        lm.put("m_trained_by", l.mTrainedBy());
        levels.add(lm);
      }
      cm.put("levels", levels);
      comps.add(cm);
    }
    out.put("comparisons", comps);
    List<Object> passes = new ArrayList<>();
    for (EmPass p : emPasses) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("blocking_rule", p.blockingRule());
      pm.put("trained", p.trained());
      pm.put("pairs", p.pairs());
      pm.put("iterations", p.iterations());
      pm.put("converged", p.converged());
      pm.put("last_change", p.lastChange());
      pm.put("lambda_in_block", p.lambdaInBlock());
      passes.add(pm);
    }
    out.put("em_passes", passes);
    return out;
  }
}
