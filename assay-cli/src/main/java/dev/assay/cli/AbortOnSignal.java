package dev.assay.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On Ctrl-C (SIGINT/SIGTERM), interrupts the running command so the engine flushes its journal
 * and marks the run aborted before the JVM exits. A SIGKILL gives no such chance; the journal
 * then loses at most the results not yet acknowledged, and {@code --resume} finishes the run.
 */
final class AbortOnSignal implements AutoCloseable {
  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);

  private AbortOnSignal(Thread main) {
    hook = new Thread(() -> {
      main.interrupt();
      try {
        finished.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "assay-abort");
  }

  static AbortOnSignal install() {
    AbortOnSignal a = new AbortOnSignal(Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(a.hook);
    return a;
  }

  /** The command finished normally. */
  void done() {
    finished.countDown();
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook is running and will see the latch.
    }
  }
}
