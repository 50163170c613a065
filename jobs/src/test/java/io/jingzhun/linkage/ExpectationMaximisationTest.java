package io.jingzhun.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jingzhun.linkage.ExpectationMaximisation.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationMaximisationTest {
  // Three comparisons with known m and u, λ = 0.2: expected pattern counts of 1,000,000 pairs.
  static final double[][] M = {{0.85, 0.10, 0.05}, {0.9, 0.1}, {0.7, 0.2, 0.1}};
  static final double[][] U = {{0.01, 0.04, 0.95}, {0.5, 0.5}, {0.05, 0.15, 0.8}};
  static final double LAMBDA = 0.2;

  static List<Pattern> expectedPatterns(double total) {
    List<Pattern> out = new ArrayList<>();
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 3; c++) {
          double p = LAMBDA * M[0][a] * M[1][b] * M[2][c] + (1 - LAMBDA) * U[0][a] * U[1][b] * U[2][c];
          out.add(new Pattern(new int[] {a, b, c}, Math.round(p * total)));
        }
      }
    }
    return out;
  }

  static double[][] start() {
    return new double[][] {ExpectationMaximisation.startingM(3), ExpectationMaximisation.startingM(2),
        ExpectationMaximisation.startingM(3)};
  }

  @Test
  void recoversKnownMAndLambdaFromExpectedCounts() {
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(expectedPatterns(1e9), U, start(),
        new boolean[] {true, true, true}, 0.5, 1000, 1e-10);
    assertThat(r.converged()).isTrue();
    assertThat(r.lambda()).isCloseTo(LAMBDA, within(1e-4));
    for (int c = 0; c < M.length; c++) {
      for (int g = 0; g < M[c].length; g++) {
        assertThat(r.m()[c][g]).as("m[%d][%d]", c, g).isCloseTo(M[c][g], within(1e-3));
      }
    }
  }

  @Test
  void theSamePatternsInAnyOrderGiveBitIdenticalResults() {
    List<Pattern> patterns = expectedPatterns(1e9);
    ExpectationMaximisation.Result first = ExpectationMaximisation.run(patterns, U, start(),
        new boolean[] {true, true, true}, 0.5, 1000, 1e-10);
    for (long seed = 1; seed <= 20; seed++) {
      List<Pattern> shuffled = new ArrayList<>(patterns);
      java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
      ExpectationMaximisation.Result r = ExpectationMaximisation.run(shuffled, U, start(),
          new boolean[] {true, true, true}, 0.5, 1000, 1e-10);
      for (int c = 0; c < M.length; c++) {
        assertThat(r.m()[c]).as("comparison %d, order %d", c, seed).containsExactly(first.m()[c]);
      }
      assertThat(r.lambda()).isEqualTo(first.lambda());
    }
  }

  @Test
  void reportsNotConvergedWhenItHitsMaxIterations() {
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(expectedPatterns(1e9), U, start(),
        new boolean[] {true, true, true}, 0.5, 2, 1e-12);
    assertThat(r.converged()).isFalse();
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(r.lastChange()).isGreaterThan(1e-12);
  }

  @Test
  void untrainableComparisonKeepsItsStartValuesAndNullsAreNeutral() {
    List<Pattern> patterns = new ArrayList<>(expectedPatterns(1e9));
    // Pairs where the first comparison is null must not move its m.
    patterns.add(new Pattern(new int[] {-1, 0, 0}, 5_000_000));
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(patterns, U, start(),
        new boolean[] {true, false, true}, 0.5, 1000, 1e-10);
    assertThat(r.m()[1]).containsExactly(start()[1]);
    assertThat(r.m()[0][0]).isGreaterThan(0.5);
  }

  @Test
  void mNeverReachesZero() {
    List<Pattern> patterns = List.of(new Pattern(new int[] {0, 0, 0}, 100), new Pattern(new int[] {2, 1, 2}, 10_000));
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(patterns, U, start(),
        new boolean[] {true, true, true}, 0.5, 200, 1e-9);
    for (double[] row : r.m()) {
      for (double m : row) {
        assertThat(m).isGreaterThan(0);
      }
    }
  }
}
