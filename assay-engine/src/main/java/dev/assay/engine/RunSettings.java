package dev.assay.engine;

import dev.assay.core.EngineSettings;
import java.time.Duration;

/**
 * How the engine runs one system.
 *
 * @param concurrency in-flight examples, at least 1 (the engine starts no more workers than there
 *     are examples to run)
 * @param timeout per-attempt timeout of one call
 * @param retries retries after the first attempt, for transient errors only
 * @param rateLimitRpm requests per minute, null for no limit
 * @param seed the suite seed; each invocation's seed derives from it
 * @param repeats how many times each example runs, at least 1
 * @param useCache whether responses are read from and written to the response cache
 * @param initialBackoff the wait before the first retry; doubles per retry, with jitter
 * @param maxBackoff the cap of the wait between retries
 * @param flushInterval how often journalled results are made durable at the latest
 * @param maxErrorRate the largest share of failed results with which the run counts as completed
 */
public record RunSettings(
    int concurrency,
    Duration timeout,
    int retries,
    Double rateLimitRpm,
    long seed,
    int repeats,
    boolean useCache,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration flushInterval,
    double maxErrorRate) {
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

  public RunSettings {
    if (concurrency < 1 || repeats < 1 || retries < 0 || !(maxErrorRate >= 0 && maxErrorRate <= 1)) {
      throw new IllegalArgumentException("concurrency and repeats must be >= 1, retries >= 0, max error rate in [0, 1]");
    }
  }

  /** Settings that never fail a run for its errors (tests and benchmarks that count errors themselves). */
  public RunSettings(int concurrency, Duration timeout, int retries, Double rateLimitRpm, long seed, int repeats,
      boolean useCache, Duration initialBackoff, Duration maxBackoff, Duration flushInterval) {
    this(concurrency, timeout, retries, rateLimitRpm, seed, repeats, useCache, initialBackoff, maxBackoff,
        flushInterval, 1.0);
  }

  /** The settings of a run: its engine settings, seed and repeats. */
  public static RunSettings of(EngineSettings engine, long seed, int repeats, boolean useCache) {
    return new RunSettings(engine.concurrency(), engine.timeout(), engine.retries(), engine.rateLimitRpm(), seed,
        repeats, useCache, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_FLUSH_INTERVAL, engine.maxErrorRate());
  }

  public RunSettings withBackoff(Duration initial, Duration max) {
    return new RunSettings(concurrency, timeout, retries, rateLimitRpm, seed, repeats, useCache, initial, max,
        flushInterval, maxErrorRate);
  }

  public RunSettings withConcurrency(int newConcurrency) {
    return new RunSettings(newConcurrency, timeout, retries, rateLimitRpm, seed, repeats, useCache, initialBackoff,
        maxBackoff, flushInterval, maxErrorRate);
  }

  public RunSettings withMaxErrorRate(double rate) {
    return new RunSettings(concurrency, timeout, retries, rateLimitRpm, seed, repeats, useCache, initialBackoff,
        maxBackoff, flushInterval, rate);
  }
}
