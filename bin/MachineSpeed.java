import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Machine-speed calibration for the benchmark scripts (not a test): two fixed workloads whose seconds
 * say how fast this machine is right now, so that benchmark figures of different days can be compared.
 * The same code on this machine has run 2.5× slower from one day to the next, more than most changes a
 * benchmark is meant to show.
 *
 * <ul>
 *   <li>cpu: sorting 10 million random longs (compute-bound, in cache a good part of the time);
 *   <li>memory: 10 million dependent reads at random places of a 256 MB array (each read waits for main
 *       memory, as Spark's hash joins, aggregations and the collector's marking do).
 * </ul>
 *
 * Each workload runs three times after a warm-up; the best time is printed (the least disturbed).
 * Run with {@code java bin/MachineSpeed.java} (Java 11+ runs a single source file); it needs about 600 MB
 * of heap.
 */
public final class MachineSpeed {
  private static final int SORTED = 10_000_000;
  private static final int CHASE_SLOTS = 1 << 26; // 256 MB of ints
  private static final int CHASE_READS = 10_000_000;

  public static void main(String[] args) {
    long[] values = new long[SORTED];
    int[] next = chain(new SplittableRandom(42));
    sortOnce(values, 1); // warm-up: both loops compiled before they are timed
    chaseOnce(next);
    double cpu = Double.MAX_VALUE;
    double memory = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      cpu = Math.min(cpu, sortOnce(values, 7 + i));
      memory = Math.min(memory, chaseOnce(next));
    }
    System.out.printf("machine speed: cpu %.2f s (sort of 10 M longs), memory %.2f s (10 M random reads)%n",
        cpu, memory);
  }

  private static double sortOnce(long[] values, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextLong();
    }
    long start = System.nanoTime();
    Arrays.sort(values);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (values[0] > values[values.length - 1]) {
      throw new IllegalStateException("not sorted");
    }
    return seconds;
  }

  /** One random cycle through every slot (Sattolo's shuffle), so that no read can be predicted. */
  private static int[] chain(SplittableRandom random) {
    int[] order = new int[CHASE_SLOTS];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] next = new int[CHASE_SLOTS];
    for (int i = 0; i < order.length; i++) {
      next[order[i]] = order[(i + 1) % order.length];
    }
    return next;
  }

  private static double chaseOnce(int[] next) {
    long start = System.nanoTime();
    int at = 0;
    for (int i = 0; i < CHASE_READS; i++) {
      at = next[at];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (at < 0) {
      throw new IllegalStateException("unreachable");
    }
    return seconds;
  }
}
