package dev.assay.engine;

import dev.assay.core.Limits;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces requests evenly to at most {@code rpm} per minute, shared by all workers of a system.
 *
 * <p>Each {@link #acquire} reserves the next free slot and sleeps until it; slots are {@code
 * 60 s / rpm} apart, so there is no burst above the limit.
 */
final class RateLimiter {
  /** Sleeps for a number of nanoseconds; injectable so tests need no wall time. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long nextFree;

  RateLimiter(double rpm) {
    this(rpm, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  /**
   * @param rpm requests per minute, at least {@code Limits.RATE_LIMIT_RPM}'s floor; a smaller or
   *     non-finite value is refused rather than wrapped around to no limit
   */
  RateLimiter(double rpm, LongSupplier clock, Sleeper sleeper) {
    if (!Limits.RATE_LIMIT_RPM.contains(rpm)) {
      throw new IllegalArgumentException("rate limit " + rpm + " rpm is outside " + Limits.RATE_LIMIT_RPM.describe());
    }
    this.intervalNanos = (long) (TimeUnit.MINUTES.toNanos(1) / rpm);
    this.clock = clock;
    this.sleeper = sleeper;
    this.nextFree = clock.getAsLong();
  }

  /** A limiter for {@code rpm}, or null when there is no limit. */
  static RateLimiter of(Double rpm) {
    return rpm == null ? null : new RateLimiter(rpm);
  }

  void acquire() throws InterruptedException {
    long slot;
    long now;
    synchronized (this) {
      now = clock.getAsLong();
      slot = Math.max(now, nextFree);
      // Saturate: a wrapped sum would be in the past and lift the limit.
      long next = slot + intervalNanos;
      nextFree = next < slot ? Long.MAX_VALUE : next;
    }
    if (slot > now) {
      sleeper.sleep(slot - now);
    }
  }
}
