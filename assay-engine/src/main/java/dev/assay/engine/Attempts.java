package dev.assay.engine;

import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.util.concurrent.TimeUnit;

/**
 * Calls one system under the engine's rules: rate limit, per-attempt timeout (enforced by a
 * {@link Watchdog}), and retries with backoff for transient errors and timeouts. The one place
 * these rules live: systems under test and models a plug-in calls (a judge) both go through it.
 *
 * <p>Thread-safe: one instance serves all workers.
 */
final class Attempts {
  private final SystemUnderTest system;
  private final Watchdog watchdog;
  private final RateLimiter limiter;
  private final Backoff backoff;
  private final int retries;

  /** @param limiter null for no rate limit */
  Attempts(SystemUnderTest system, Watchdog watchdog, RateLimiter limiter, Backoff backoff, int retries) {
    this.system = system;
    this.watchdog = watchdog;
    this.limiter = limiter;
    this.backoff = backoff;
    this.retries = retries;
  }

  /**
   * What the attempts came to: an output, or the failure after the last attempt.
   *
   * @param output the answer, with its latency filled in; null when the call failed
   * @param failure why the call failed for good; null on success
   * @param attempts how many calls were made
   */
  record Result(Output output, String failure, int attempts) {}

  /**
   * Calls the system until it answers, fails permanently, or the retries are spent.
   *
   * @throws InterruptedException when the calling thread is interrupted (not by the watchdog)
   */
  Result call(Invocation inv) throws InterruptedException {
    int maxAttempts = retries + 1;
    for (int attempt = 1; ; attempt++) {
      if (limiter != null) {
        limiter.acquire();
      }
      String failure;
      boolean retryable;
      long t0 = System.nanoTime();
      Watchdog.Guard guard = watchdog.start();
      boolean timedOut;
      try {
        Output out = system.call(inv);
        timedOut = guard.end();
        if (out == null) {
          failure = "adapter returned no output";
          retryable = false;
        } else {
          if (out.latencyMs() == null) {
            out = out.withLatency((System.nanoTime() - t0) / 1e6);
          }
          return new Result(out, null, attempt);
        }
      } catch (SystemException e) {
        timedOut = guard.end();
        failure = timedOut ? timeoutMessage() : e.getMessage();
        retryable = timedOut || e.isTransient();
      } catch (InterruptedException e) {
        if (!guard.end()) {
          throw e;
        }
        failure = timeoutMessage();
        retryable = true;
      } catch (RuntimeException e) {
        guard.end();
        failure = "adapter failure: " + e;
        retryable = false;
      }
      if (!retryable || attempt >= maxAttempts) {
        String msg = retryable && maxAttempts > 1 ? failure + " (gave up after " + attempt + " attempts)" : failure;
        return new Result(null, msg, attempt);
      }
      TimeUnit.NANOSECONDS.sleep(backoff.before(attempt, inv.seed()).toNanos());
    }
  }

  private String timeoutMessage() {
    return "timeout after " + watchdog.timeout().toMillis() + " ms";
  }
}
