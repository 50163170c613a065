package io.jingzhun.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of a stage (one per table) side by side, results in the given order. On a
 * county's tables most of a Spark job's time goes on the driver planning and scheduling it while the
 * executor cores sit idle; two tables at once keep them busy. The first failure is rethrown once every
 * piece has stopped, so no piece is left writing behind the caller's back.
 */
public final class SideBySide {
  private SideBySide() {}

  /** Runs the work on at most max(2, cores) threads named after what they do. */
  public static <T> List<T> run(String what, List<Callable<T>> work, int cores) {
    Preconditions.checkArgument(cores > 0, "cores must be positive, got %s", cores);
    int threads = Math.max(1, Math.min(work.size(), Math.max(2, cores)));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "jingzhun-" + what);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = pool.invokeAll(work);
      List<T> out = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (failure == null) {
            failure = cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
