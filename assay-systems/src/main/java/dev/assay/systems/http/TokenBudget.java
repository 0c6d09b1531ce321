package dev.assay.systems.http;

import java.util.function.LongSupplier;

/**
 * A tokens-per-minute limit: a token bucket of capacity {@code perMinute}, refilled continuously
 * at {@code perMinute / 60} tokens per second, starting full.
 *
 * <p>A call {@link #acquire}s its estimated tokens before the request (prompt characters / 4 plus
 * {@code max_tokens}, see the adapter) and {@link #settle}s the difference once the server reports
 * its usage, so the budget tracks real usage. The balance may go negative after an underestimate;
 * later calls then wait longer. A call larger than the whole capacity waits for a full bucket and
 * then goes through, so it cannot wait forever. Waiting is interruptible. Thread-safe.
 */
public final class TokenBudget {
  private final double perMinute;
  private final double perNano;
  private final LongSupplier nanoClock;
  private double available; // guarded by this
  private long refilledAt; // guarded by this

  public TokenBudget(long perMinute, LongSupplier nanoClock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute < 1: " + perMinute);
    }
    this.perMinute = perMinute;
    this.perNano = perMinute / 60e9;
    this.nanoClock = nanoClock;
    this.available = perMinute;
    this.refilledAt = nanoClock.getAsLong();
  }

  /** Waits until {@code tokens} (at most the capacity) are available, then takes {@code tokens}. */
  public void acquire(long tokens) throws InterruptedException {
    double need = Math.min(tokens, perMinute);
    while (true) {
      long waitNanos;
      synchronized (this) {
        refill();
        if (available >= need) {
          available -= tokens;
          return;
        }
        waitNanos = (long) Math.ceil((need - available) / perNano);
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 1_000_000L));
    }
  }

  /** Corrects an earlier {@link #acquire} of {@code estimated} tokens to the {@code actual} use. */
  public synchronized void settle(long estimated, long actual) {
    refill();
    available = Math.min(perMinute, available + estimated - actual);
  }

  /** Tokens available now (may be negative); for tests. */
  public synchronized double available() {
    refill();
    return available;
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    available = Math.min(perMinute, available + (now - refilledAt) * perNano);
    refilledAt = now;
  }
}
