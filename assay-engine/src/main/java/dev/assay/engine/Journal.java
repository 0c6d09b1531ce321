package dev.assay.engine;

import dev.assay.core.ExampleResult;
import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import dev.assay.core.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes per-example results durable in batches, off the workers' path.
 *
 * <p>Workers {@link #record} results and go on; a flusher thread appends what is pending to the
 * store at least every {@code interval} (and sooner when a batch fills), then acknowledges each
 * result to the listener. A result is acknowledged only after {@link Store#append} returned, so
 * a killed process loses only results that were never acknowledged. Cached responses are written
 * before the results that used them: after a crash between the two, a resumed run re-runs the
 * example and finds its response in the cache.
 *
 * <p>When pending results pile up beyond {@code 8 * BATCH} (a slow store), {@link #record}
 * blocks: memory stays bounded.
 */
final class Journal implements AutoCloseable {
  static final int BATCH = 2048;

  private final Store store;
  private final ResponseCache cache;
  private final String runId;
  private final long intervalNanos;
  private final EngineListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private final Thread flusher;
  private List<ExampleResult> pending = new ArrayList<>();
  private Map<String, Output> pendingCache = new LinkedHashMap<>();
  private boolean closing;
  private volatile RuntimeException failure;

  Journal(Store store, ResponseCache cache, String runId, Duration interval, EngineListener listener) {
    this.store = store;
    this.cache = cache;
    this.runId = runId;
    this.intervalNanos = interval.toNanos();
    this.listener = listener;
    this.flusher = new Thread(this::flushLoop, "assay-journal-" + runId);
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Queues a result (and, when {@code cacheKey} is not null, the response to cache).
   *
   * @throws JournalException when an earlier flush failed: the run cannot go on
   */
  void record(ExampleResult result, String cacheKey, Output response) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (pending.size() >= 8 * BATCH && failure == null) {
        drained.await();
      }
      throwIfFailed();
      pending.add(result);
      if (cacheKey != null) {
        pendingCache.put(cacheKey, response);
      }
      if (pending.size() >= BATCH) {
        wake.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw new JournalException("could not write results to the store: " + failure.getMessage(), failure);
    }
  }

  private void flushLoop() {
    while (true) {
      List<ExampleResult> batch;
      Map<String, Output> cacheBatch;
      boolean last;
      lock.lock();
      try {
        long deadline = System.nanoTime() + intervalNanos;
        while (!closing && pending.size() < BATCH) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          wake.awaitNanos(left);
        }
        batch = pending;
        cacheBatch = pendingCache;
        pending = new ArrayList<>();
        pendingCache = new LinkedHashMap<>();
        last = closing;
        drained.signalAll();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      if (failure == null && !batch.isEmpty()) {
        try {
          if (!cacheBatch.isEmpty()) {
            cache.putAll(cacheBatch);
          }
          store.append(runId, batch);
          batch.forEach(listener::acknowledged);
        } catch (RuntimeException e) {
          failure = e;
          lock.lock();
          try {
            drained.signalAll();
          } finally {
            lock.unlock();
          }
        }
      }
      if (last) {
        lock.lock();
        try {
          if (pending.isEmpty()) {
            return;
          }
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Flushes everything recorded so far and stops the flusher. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (true) {
      try {
        flusher.join(TimeUnit.MINUTES.toMillis(5));
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    throwIfFailed();
  }

  /** The store refused a batch: the run stops and is marked aborted. */
  static final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
