package dev.assay.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the per-attempt timeout by interrupting the worker thread that makes the call.
 *
 * <p>The call runs on the worker itself (no hand-off to another thread, which would cost more
 * than a fast system's whole answer). A guard makes the interrupt land only while the call is in
 * progress: the watchdog interrupts under the guard's lock, and the worker, once the call is
 * over, takes the same lock and clears any interrupt the watchdog made. Adapters must react to
 * interruption (blocking I/O that ignores it is bounded by the adapter's own timeout).
 */
final class Watchdog implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  Watchdog() {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "assay-watchdog");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Starts guarding the current thread's call; {@link Guard#end()} must follow in a finally. */
  Guard start(Duration timeout) {
    Guard g = new Guard(Thread.currentThread());
    g.future = timer.schedule(g, timeout.toNanos(), TimeUnit.NANOSECONDS);
    return g;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  static final class Guard implements Runnable {
    private final Thread worker;
    private ScheduledFuture<?> future;
    private boolean over;
    private boolean timedOut;

    private Guard(Thread worker) {
      this.worker = worker;
    }

    @Override
    public synchronized void run() {
      if (!over) {
        timedOut = true;
        worker.interrupt();
      }
    }

    /**
     * Ends the guarded call. Returns whether the timeout fired; in that case the interrupt it
     * caused is cleared from the worker thread.
     */
    synchronized boolean end() {
      over = true;
      future.cancel(false);
      if (timedOut) {
        Thread.interrupted();
      }
      return timedOut;
    }
  }
}
