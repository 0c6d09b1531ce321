package dev.assay.engine;

import dev.assay.core.Suite;
import java.time.Duration;

/**
 * How the engine runs one system.
 *
 * @param concurrency in-flight examples, at least 1
 * @param timeout per-attempt timeout of one call
 * @param retries retries after the first attempt, for transient errors only
 * @param rateLimitRpm requests per minute, null for no limit
 * @param seed the suite seed; each invocation's seed derives from it
 * @param repeats how many times each example runs, at least 1
 * @param useCache whether responses are read from and written to the response cache
 * @param initialBackoff the wait before the first retry; doubles per retry, with jitter
 * @param maxBackoff the cap of the wait between retries
 * @param flushInterval how often journalled results are made durable at the latest
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
    Duration flushInterval) {
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

  public RunSettings {
    if (concurrency < 1 || repeats < 1 || retries < 0) {
      throw new IllegalArgumentException("concurrency and repeats must be >= 1, retries >= 0");
    }
  }

  /** The settings a suite declares for {@code rateLimitRpm} (the system's own limit wins). */
  public static RunSettings of(Suite suite, Double systemRateLimitRpm, boolean useCache) {
    return new RunSettings(suite.concurrency(), suite.timeout(), suite.retries(),
        systemRateLimitRpm != null ? systemRateLimitRpm : suite.rateLimitRpm(), suite.seed(), suite.repeats(),
        useCache, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_FLUSH_INTERVAL);
  }

  public RunSettings withBackoff(Duration initial, Duration max) {
    return new RunSettings(concurrency, timeout, retries, rateLimitRpm, seed, repeats, useCache, initial, max, flushInterval);
  }

  public RunSettings withConcurrency(int newConcurrency) {
    return new RunSettings(newConcurrency, timeout, retries, rateLimitRpm, seed, repeats, useCache, initialBackoff,
        maxBackoff, flushInterval);
  }
}
