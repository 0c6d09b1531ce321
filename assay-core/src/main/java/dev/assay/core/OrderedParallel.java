package dev.assay.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntFunction;

/**
 * Maps the indices {@code 0..n-1} on all cores and returns the results in index order, as a
 * sequential loop would; for per-item work that is independent and thread-safe (scoring a file of
 * outputs with stateless scorers).
 *
 * <p>Invariants: the result is the same list a sequential loop gives, whatever the number of
 * threads; when items fail, the exception thrown is the one of the lowest failing index (so an
 * input error names the same line as a sequential loop would), rethrown as the original object.
 */
public final class OrderedParallel {
  /** Below this many items per task, splitting costs more than it saves. */
  private static final int GRAIN = 256;

  private OrderedParallel() {}

  /** {@code [f(0), ..., f(n - 1)]}. */
  public static <R> List<R> map(int n, IntFunction<R> f) {
    Object[] out = new Object[n];
    RuntimeException[] failures = new RuntimeException[(n + GRAIN - 1) / GRAIN];
    // The calling thread computes one half itself and the common pool's workers steal the rest,
    // so even a pool of one worker (2 cores) uses both cores.
    new Chunk<>(f, out, failures, 0, n).invoke();
    for (RuntimeException e : failures) {
      if (e != null) {
        throw e;
      }
    }
    @SuppressWarnings("unchecked")
    List<R> results = (List<R>) new ArrayList<>(Arrays.asList(out));
    return results;
  }

  /** A range split in halves down to {@link #GRAIN}; each leaf stops at its first failure. */
  private static final class Chunk<R> extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient IntFunction<R> f;
    private final Object[] out;
    private final RuntimeException[] failures;
    private final int from;
    private final int to;

    Chunk(IntFunction<R> f, Object[] out, RuntimeException[] failures, int from, int to) {
      this.f = f;
      this.out = out;
      this.failures = failures;
      this.from = from;
      this.to = to;
    }

    @Override
    protected void compute() {
      if (to - from > GRAIN) {
        // Split on a GRAIN boundary so that each leaf owns exactly one failure slot.
        int mid = from + ((to - from) / 2 + GRAIN - 1) / GRAIN * GRAIN;
        invokeAll(new Chunk<>(f, out, failures, from, mid), new Chunk<>(f, out, failures, mid, to));
        return;
      }
      for (int i = from; i < to; i++) {
        try {
          out[i] = f.apply(i);
        } catch (RuntimeException e) {
          failures[from / GRAIN] = e;
          return;
        }
      }
    }
  }
}
