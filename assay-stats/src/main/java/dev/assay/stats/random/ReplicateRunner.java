package dev.assay.stats.random;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Runs replicates {@code 0..count-1} in contiguous chunks on a fixed number of threads.
 *
 * <p>Invariant: the work for replicate {@code r} depends only on {@code r}, never on the chunk or
 * thread that runs it, and each replicate writes only its own output slot; results are therefore
 * identical for every thread count.
 */
public final class ReplicateRunner {

  /** Work on replicates {@code [from, to)}; implementations allocate their scratch per call. */
  @FunctionalInterface
  public interface Chunk {
    void run(int from, int to);
  }

  private final int threads;

  /** @param threads number of worker threads, at least 1; 1 runs on the calling thread */
  public ReplicateRunner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  /** The default: one thread per available processor. */
  public static ReplicateRunner defaultRunner() {
    return new ReplicateRunner(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** Runs all replicates, propagating the first failure as an unchecked exception. */
  public void run(int count, Chunk chunk) {
    if (count <= 0) {
      return;
    }
    if (threads == 1) {
      chunk.run(0, count);
      return;
    }
    // Several chunks per thread balance uneven replicate costs.
    int chunkSize = Math.max(1, count / (threads * 8));
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < count; from += chunkSize) {
      int start = from;
      int end = Math.min(count, from + chunkSize);
      tasks.add(() -> {
        chunk.run(start, end);
        return null;
      });
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running replicates", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdown();
    }
  }
}
