package io.jingzhun.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KendallTauTest {
  /** tau-b by its definition, over all pairs: (C − D) / √((n0 − n1)(n0 − n2)). */
  private static double bruteForce(double[] x, double[] y) {
    long c = 0;
    long d = 0;
    long tx = 0;
    long ty = 0;
    long n0 = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        n0++;
        double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
        if (s > 0) {
          c++;
        } else if (s < 0) {
          d++;
        }
        if (x[i] == x[j]) {
          tx++;
        }
        if (y[i] == y[j]) {
          ty++;
        }
      }
    }
    return (c - d) / Math.sqrt((double) (n0 - tx) * (n0 - ty));
  }

  @Test
  void knownRankings() {
    assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
    assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
    // One swapped pair of six: (5 − 1)/6.
    assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {1, 2, 4, 3})).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(KendallTau.tauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
  }

  @Test
  void matchesTheDefinitionWithTies() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + random.nextInt(60);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextInt(6);
        y[i] = x[i] + random.nextInt(4);
      }
      double expected = bruteForce(x, y);
      double actual = KendallTau.tauB(x, y);
      if (Double.isNaN(expected)) {
        assertThat(actual).isNaN();
      } else {
        assertThat(actual).as("trial %d", trial).isCloseTo(expected, within(1e-12));
      }
    }
  }
}
