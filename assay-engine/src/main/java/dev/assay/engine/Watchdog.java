package dev.assay.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the per-attempt timeout by interrupting the worker thread that makes the call.
 *
 * <p>The call runs on the worker itself (no hand-off to another thread, which would cost more
 * than a fast system's whole answer). Each worker thread owns one {@link Guard}, reused for every
 * call, so guarding a call is two field writes rather than a task scheduled and cancelled on a
 * shared timer queue (which cost about 6% of a worker's time against a fast HTTP stub). One
 * watchdog thread sleeps until the earliest deadline of the calls in progress, then interrupts
 * the calls that are past theirs.
 *
 * <p>The interrupt lands only while the call is in progress: the watchdog interrupts under the
 * guard's lock after checking that the call it timed is still the one running, and the worker,
 * once the call is over, takes the same lock and clears any interrupt the watchdog made. Adapters
 * must react to interruption (blocking I/O that ignores it is bounded by the adapter's own
 * timeout).
 *
 * <p>Every call of one watchdog has the same timeout, so a call that starts later never has an
 * earlier deadline than one in progress: the watchdog never has to be woken for a new call unless
 * it is idle.
 */
final class Watchdog implements AutoCloseable {
  private final long timeoutNanos;
  private final List<Guard> guards = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Guard> own = new ThreadLocal<>();
  private final Thread thread;
  /** Set while the watchdog thread parks with no call in progress; a new call then unparks it. */
  private volatile boolean idle;
  private volatile boolean closed;

  /** @param timeout the per-attempt timeout of every call this watchdog guards; positive */
  Watchdog(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    thread = new Thread(this::watch, "assay-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** The per-attempt timeout this watchdog enforces. */
  java.time.Duration timeout() {
    return java.time.Duration.ofNanos(timeoutNanos);
  }

  /** Starts guarding the current thread's call; {@link Guard#end()} must follow in a finally. */
  Guard start() {
    Guard g = own.get();
    if (g == null) {
      g = new Guard(Thread.currentThread());
      own.set(g);
      guards.add(g);
    }
    g.begin(System.nanoTime() + timeoutNanos);
    if (idle) {
      LockSupport.unpark(thread);
    }
    return g;
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }

  private void watch() {
    while (!closed) {
      long now = System.nanoTime();
      long next = Long.MAX_VALUE;
      boolean any = false;
      for (Guard g : guards) {
        if (!g.running) {
          continue;
        }
        long deadline = g.deadline;
        if (deadline - now <= 0) {
          g.fire(now);
        } else if (!any || deadline - next < 0) {
          next = deadline;
          any = true;
        }
      }
      if (any) {
        LockSupport.parkNanos(this, next - now);
      } else {
        idle = true;
        // Re-check after announcing idleness: a call that started in between either sees idle
        // and unparks us, or is seen here.
        if (!anyRunning() && !closed) {
          LockSupport.park(this);
        }
        idle = false;
      }
    }
  }

  private boolean anyRunning() {
    for (Guard g : guards) {
      if (g.running) {
        return true;
      }
    }
    return false;
  }

  /** One worker thread's guard, reused for each of its calls. */
  static final class Guard {
    private final Thread worker;
    private volatile boolean running;
    private volatile long deadline;
    private boolean timedOut;

    private Guard(Thread worker) {
      this.worker = worker;
    }

    private void begin(long deadlineNanos) {
      deadline = deadlineNanos;
      running = true;
    }

    /** Interrupts the worker if the call it is making now is past its deadline. */
    private synchronized void fire(long now) {
      if (running && !timedOut && deadline - now <= 0) {
        timedOut = true;
        worker.interrupt();
      }
    }

    /**
     * Ends the guarded call. Returns whether the timeout fired; in that case the interrupt it
     * caused is cleared from the worker thread.
     */
    synchronized boolean end() {
      running = false;
      boolean fired = timedOut;
      if (fired) {
        timedOut = false;
        Thread.interrupted();
      }
      return fired;
    }
  }
}
