package io.jingzhun.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;

/**
 * Order-independent sums of doubles. Floating-point addition is not associative, so a plain
 * {@code sum(double)} changes in its last bits with the number of partitions. Each addend x is split
 * into an integer part and a fraction in units of 2^-34, both longs; long sums are exact in any order,
 * so the total (integer sum + fraction sum / 2^34) is the same on 1 or 1000 partitions.
 * Resolution 6e-11 per addend; the integer part holds totals up to 9.2e18.
 */
final class FixedPointSums {
  static final double FRACTION_UNITS = 17179869184d; // 2^34

  private FixedPointSums() {}

  static String hi(String name) {
    return name + "__h";
  }

  static String lo(String name) {
    return name + "__l";
  }

  /** The integer part of a non-null addend. */
  static Column hiPart(Column x) {
    return floor(x);
  }

  /** The fraction of a non-null addend in units of 2^-34 (rounded to nearest). */
  static Column loPart(Column x) {
    return x.minus(floor(x)).multiply(FRACTION_UNITS).plus(0.5).cast("long");
  }

  /** Sums of both parts of addend {@code name} (columns named hi(name), lo(name)). */
  static Column[] sums(String name) {
    return new Column[] {
      sum(col(hi(name))).as(hi(name)), sum(col(lo(name))).as(lo(name))
    };
  }

  /** The value of a split sum as a double. */
  static Column value(String name) {
    return col(hi(name)).cast("double").plus(col(lo(name)).cast("double").divide(FRACTION_UNITS));
  }
}
