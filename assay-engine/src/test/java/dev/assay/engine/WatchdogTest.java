package dev.assay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog interrupts exactly the calls that outlive the timeout, and never leaves an
 * interrupt behind for the next call.
 */
class WatchdogTest {
  @Test
  void aCallPastItsDeadlineIsInterruptedAndTheInterruptIsCleared() throws Exception {
    try (Watchdog watchdog = new Watchdog(Duration.ofMillis(50))) {
      for (int call = 0; call < 3; call++) {
        Watchdog.Guard guard = watchdog.start();
        boolean interrupted = false;
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted = true;
        }
        assertThat(guard.end()).as("call %d timed out", call).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left after end()").isFalse();
      }
    }
  }

  @Test
  void callsThatEndInTimeAreNeverInterruptedEvenAfterTheirDeadlinePasses() throws Exception {
    try (Watchdog watchdog = new Watchdog(Duration.ofMillis(20))) {
      for (int call = 0; call < 200; call++) {
        Watchdog.Guard guard = watchdog.start();
        assertThat(guard.end()).isFalse();
      }
      // Well past every deadline above: nothing may arrive now.
      Thread.sleep(100);
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void manyWorkersShareOneWatchdogAndOnlyTheSlowCallsTimeOut() throws Exception {
    int workers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (Watchdog watchdog = new Watchdog(Duration.ofMillis(100))) {
      List<Future<int[]>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        boolean slow = w % 4 == 0;
        results.add(pool.submit(() -> {
          int[] outcome = new int[2]; // timed out, stray interrupts
          for (int call = 0; call < (slow ? 2 : 2_000); call++) {
            Watchdog.Guard guard = watchdog.start();
            try {
              if (slow) {
                Thread.sleep(60_000);
              }
            } catch (InterruptedException e) {
              // The watchdog's interrupt: end() reports it.
            }
            outcome[0] += guard.end() ? 1 : 0;
            outcome[1] += Thread.currentThread().isInterrupted() ? 1 : 0;
          }
          return outcome;
        }));
      }
      for (int w = 0; w < workers; w++) {
        int[] outcome = results.get(w).get(60, TimeUnit.SECONDS);
        assertThat(outcome[0]).as("timeouts of worker %d", w).isEqualTo(w % 4 == 0 ? 2 : 0);
        assertThat(outcome[1]).as("stray interrupts of worker %d", w).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
