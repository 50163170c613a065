package io.jingzhun.index;

import static io.jingzhun.common.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Kendall's tau-b rank correlation with ties, in O(n log n) (Knight 1966: sort by x, count the
 * inversions of y by merge sort), so ranking 100,000 villages under two cutoffs stays cheap.
 */
public final class KendallTau {
  private KendallTau() {}

  /** tau-b of the paired values; NaN when either side is constant (no ranking to compare). */
  public static double tauB(double[] x, double[] y) {
    checkArgument(x.length == y.length, "expected paired values, got %d and %d", x.length, y.length);
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
    long pairs = (long) n * (n - 1) / 2;
    long tiedX = 0;
    long tiedXY = 0;
    int runX = 1;
    int runXY = 1;
    for (int i = 1; i < n; i++) {
      boolean sameX = x[order[i]] == x[order[i - 1]];
      boolean sameXY = sameX && y[order[i]] == y[order[i - 1]];
      if (sameX) {
        runX++;
      } else {
        tiedX += choose2(runX);
        runX = 1;
      }
      if (sameXY) {
        runXY++;
      } else {
        tiedXY += choose2(runXY);
        runXY = 1;
      }
    }
    tiedX += choose2(runX);
    tiedXY += choose2(runXY);
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = y[order[i]];
    }
    long discordant = inversions(ys, new double[n], 0, n);
    long tiedY = 0;
    int runY = 1;
    for (int i = 1; i < n; i++) {
      if (ys[i] == ys[i - 1]) {
        runY++;
      } else {
        tiedY += choose2(runY);
        runY = 1;
      }
    }
    tiedY += choose2(runY);
    double denominator = Math.sqrt((double) (pairs - tiedX) * (double) (pairs - tiedY));
    if (denominator == 0) {
      return Double.NaN;
    }
    return (pairs - tiedX - tiedY + tiedXY - 2.0 * discordant) / denominator;
  }

  private static long choose2(long m) {
    return m * (m - 1) / 2;
  }

  /** Sorts a[from, to) and returns the number of strictly inverted pairs. */
  private static long inversions(double[] a, double[] tmp, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int mid = (from + to) >>> 1;
    long count = inversions(a, tmp, from, mid) + inversions(a, tmp, mid, to);
    int i = from;
    int j = mid;
    int t = from;
    while (i < mid && j < to) {
      if (a[i] <= a[j]) {
        tmp[t++] = a[i++];
      } else {
        count += mid - i;
        tmp[t++] = a[j++];
      }
    }
    while (i < mid) {
      tmp[t++] = a[i++];
    }
    while (j < to) {
      tmp[t++] = a[j++];
    }
    System.arraycopy(tmp, from, a, from, to - from);
    return count;
  }
}
