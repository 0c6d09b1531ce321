package dev.assay.gate;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value computed on a daemon thread of its own while the caller goes on: a comparison reads its
 * second side and its examples this way. {@link #get} waits for the value and rethrows the
 * computation's failure as it was thrown; an interrupt while waiting is kept for the caller.
 */
final class Background<T> {
  private final FutureTask<T> task;
  private final Thread thread;

  private Background(String name, Callable<T> computation) {
    task = new FutureTask<>(computation);
    thread = new Thread(task, name);
    thread.setDaemon(true); // it only reads; a comparison that fails meanwhile need not wait for it
  }

  /** Starts {@code computation} on a thread named {@code name}. */
  static <T> Background<T> start(String name, Callable<T> computation) {
    Background<T> b = new Background<>(name, computation);
    b.thread.start();
    return b;
  }

  /** Waits until the computation has ended, whatever its outcome. */
  void join() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The computed value; the computation's exception or error is rethrown as thrown. */
  T get() {
    join();
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
    }
  }
}
