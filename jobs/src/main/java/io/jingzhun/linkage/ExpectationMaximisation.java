package io.jingzhun.linkage;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * EM for the Fellegi–Sunter model over the distinct comparison patterns of a set of pairs (a
 * pattern is one gamma per comparison, with how many pairs show it). Runs on the driver: the
 * number of patterns is bounded by the product of level counts, whatever the data size. u is held
 * fixed (it comes from random sampling); only the comparisons marked trainable have their m
 * estimated and count in the likelihood, the others are neutral in this pass.
 */
final class ExpectationMaximisation {
  /** m never reaches 0 (a weight of −∞ would veto a pair on one noisy field). */
  static final double M_FLOOR = 1e-6;

  private ExpectationMaximisation() {}

  /** One distinct gamma vector and its number of pairs; gamma −1 is null (neutral). */
  record Pattern(int[] gammas, long count) {}

  /**
   * @param m the fitted m per comparison and level (rows of untrainable comparisons are the start values)
   * @param lambda the share of matches among the pairs this pass saw
   * @param iterations iterations run
   * @param converged true only when the largest change of any m fell below the tolerance
   *     before the iteration limit; false means it stopped at max iterations
   * @param lastChange the largest change of any m in the last iteration
   */
  record Result(double[][] m, double lambda, int iterations, boolean converged, double lastChange) {}

  static Result run(List<Pattern> patterns, double[][] u, double[][] mStart, boolean[] trainable,
      double lambdaStart, int maxIterations, double tolerance) {
    // Sums of doubles depend on their order, and the patterns arrive in whatever order Spark's
    // partitions gave them: in one fixed order, the same pairs give bit-identical m and weights
    // however they were partitioned.
    patterns = patterns.stream().sorted(Comparator.comparing(Pattern::gammas, Arrays::compare)).toList();
    int k = u.length;
    double[][] m = new double[k][];
    for (int c = 0; c < k; c++) {
      m[c] = mStart[c].clone();
    }
    double lambda = lambdaStart;
    double change = Double.POSITIVE_INFINITY;
    int it = 0;
    boolean converged = false;
    while (it < maxIterations) {
      it++;
      double[][] num = new double[k][];
      double[] den = new double[k];
      for (int c = 0; c < k; c++) {
        num[c] = new double[m[c].length];
      }
      double matches = 0;
      double total = 0;
      for (Pattern p : patterns) {
        double pm = lambda;
        double pu = 1 - lambda;
        for (int c = 0; c < k; c++) {
          int g = p.gammas()[c];
          if (!trainable[c] || g < 0) {
            continue;
          }
          pm *= m[c][g];
          pu *= u[c][g];
        }
        double posterior = pm + pu == 0 ? 0 : pm / (pm + pu);
        double w = posterior * p.count();
        matches += w;
        total += p.count();
        for (int c = 0; c < k; c++) {
          int g = p.gammas()[c];
          if (trainable[c] && g >= 0) {
            num[c][g] += w;
            den[c] += w;
          }
        }
      }
      change = 0;
      for (int c = 0; c < k; c++) {
        if (!trainable[c] || den[c] == 0) {
          continue;
        }
        double sum = 0;
        double[] next = new double[m[c].length];
        for (int g = 0; g < next.length; g++) {
          next[g] = Math.max(num[c][g] / den[c], M_FLOOR);
          sum += next[g];
        }
        for (int g = 0; g < next.length; g++) {
          next[g] /= sum;
          change = Math.max(change, Math.abs(next[g] - m[c][g]));
        }
        m[c] = next;
      }
      double nextLambda = total == 0 ? lambda : Math.min(Math.max(matches / total, 1e-9), 1 - 1e-9);
      change = Math.max(change, Math.abs(nextLambda - lambda));
      lambda = nextLambda;
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    return new Result(m, lambda, it, converged, change);
  }

  /** Start values: each level about four times as likely among matches as the next one. */
  static double[] startingM(int levels) {
    double[] m = new double[levels];
    double sum = 0;
    for (int g = 0; g < levels; g++) {
      m[g] = Math.pow(4, levels - 1 - g);
      sum += m[g];
    }
    for (int g = 0; g < levels; g++) {
      m[g] /= sum;
    }
    return m;
  }
}
