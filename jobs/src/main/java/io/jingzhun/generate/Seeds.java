package io.jingzhun.generate;

import java.util.SplittableRandom;

/**
 * Deterministic random streams: every household draws from its own generator derived from
 * (seed, household index, purpose), so any household can be rebuilt alone and in any order, and the
 * output does not depend on threads or chunking.
 */
final class Seeds {
  static final int POPULATION = 1;
  static final int RECORDS = 2;
  static final int DEFECTS = 3;

  private Seeds() {}

  static SplittableRandom stream(long seed, long index, int purpose) {
    return new SplittableRandom(mix(mix(seed, index), purpose));
  }

  /** A 64-bit mix (SplitMix64 finaliser) of two values. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
