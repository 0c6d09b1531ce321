package dev.assay.engine;

import dev.assay.core.CacheKey;
import dev.assay.core.EngineSettings;
import dev.assay.core.Invocation;
import dev.assay.core.ModelCaller;
import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's {@link ModelCaller}: a plug-in's model calls (a judge asking its model) go through
 * the response cache and the same {@link Attempts} as systems under test, with the suite's
 * retries, backoff and rate limit (one limiter per model, so a judge does not share the system's
 * budget) and the invocation's timeout as the per-attempt timeout.
 *
 * <p>Thread-safe; close it when the suite's runs are over (it owns watchdog threads).
 */
public final class EngineModelCaller implements ModelCaller, AutoCloseable {
  private final EngineSettings engine;
  private final ResponseCache cache;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<Duration, Watchdog> watchdogs = new ConcurrentHashMap<>();
  private final Backoff backoff = new Backoff(RunSettings.DEFAULT_INITIAL_BACKOFF, RunSettings.DEFAULT_MAX_BACKOFF);

  /** @param cache where answers are read and written; {@link ResponseCache#NONE} under --no-cache */
  public EngineModelCaller(EngineSettings engine, ResponseCache cache) {
    this.engine = engine;
    this.cache = cache;
  }

  @Override
  public Output call(SystemUnderTest system, String cacheIdentity, Invocation invocation)
      throws SystemException, InterruptedException {
    String key = CacheKey.of(cacheIdentity, invocation);
    Optional<Output> hit = cache.get(key);
    if (hit.isPresent()) {
      return hit.get();
    }
    RateLimiter limiter = engine.rateLimitRpm() == null ? null
        : limiters.computeIfAbsent(cacheIdentity, k -> new RateLimiter(engine.rateLimitRpm()));
    Watchdog watchdog = watchdogs.computeIfAbsent(invocation.timeout(), Watchdog::new);
    Attempts.Result r = new Attempts(system, watchdog, limiter, backoff, engine.retries()).call(invocation);
    if (r.output() == null) {
      throw new SystemException(r.failure(), false);
    }
    cache.put(key, r.output());
    return r.output();
  }

  @Override
  public void close() {
    watchdogs.values().forEach(Watchdog::close);
  }
}
