package dev.assay.engine;

import dev.assay.core.CacheKey;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import dev.assay.core.Scorer;
import dev.assay.core.Scores;
import dev.assay.core.Seeds;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one example (one repeat) through a system and its scorers: cache, rate limit, attempts
 * with timeout and backoff, scoring.
 *
 * <p>Thread-safe: one instance serves all workers of a run. What the system is asked (input,
 * seed, repeat) is a pure function of the example and the suite seed, never of timing.
 */
final class ExampleRunner {
  private final SystemUnderTest system;
  private final String systemSpecHash;
  private final List<Scorer> scorers;
  private final RunSettings settings;
  private final ResponseCache cache;
  private final RateLimiter limiter;
  private final Backoff backoff;
  private final Watchdog watchdog;

  ExampleRunner(SystemUnderTest system, String systemSpecHash, List<Scorer> scorers, RunSettings settings,
      ResponseCache cache, Watchdog watchdog) {
    this.system = system;
    this.systemSpecHash = systemSpecHash;
    this.settings = settings;
    this.cache = settings.useCache() ? cache : ResponseCache.NONE;
    this.scorers = scorers.stream().map(s -> s.withResponseCache(this.cache)).toList();
    this.limiter = RateLimiter.of(settings.rateLimitRpm());
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.watchdog = watchdog;
  }

  /** The outcome of one example: its result and, when fresh from the system, what to cache. */
  record Outcome(ExampleResult result, String cacheKey, Output toCache) {}

  Outcome run(Example example, int index, int repeat) throws InterruptedException {
    Invocation inv = new Invocation(example, repeat, Seeds.invocation(settings.seed(), example.id(), repeat),
        settings.timeout());
    String key = settings.useCache() ? CacheKey.of(systemSpecHash, inv) : null;
    if (key != null) {
      Optional<Output> hit = cache.get(key);
      if (hit.isPresent()) {
        return new Outcome(scored(example, index, repeat, hit.get(), 0, true), null, null);
      }
    }
    int maxAttempts = settings.retries() + 1;
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
          return new Outcome(scored(example, index, repeat, out, attempt, false), key, out);
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
        return new Outcome(errorResult(example, index, repeat, null, msg, attempt), null, null);
      }
      TimeUnit.NANOSECONDS.sleep(backoff.before(attempt, inv.seed()).toNanos());
    }
  }

  private String timeoutMessage() {
    return "timeout after " + settings.timeout().toMillis() + " ms";
  }

  private ExampleResult scored(Example example, int index, int repeat, Output out, int attempts, boolean cached) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, String> notes = Map.of();
    for (Scorer s : scorers) {
      try {
        Scores scored = s.scoreWithNotes(example, out);
        scores.putAll(scored.values());
        if (!scored.notes().isEmpty()) {
          // Rare (judges): allocate only when a scorer explained itself.
          notes = notes.isEmpty() ? new LinkedHashMap<>() : notes;
          notes.putAll(scored.notes());
        }
      } catch (RuntimeException e) {
        String msg = "scoring with " + String.join(",", s.names()) + " failed: " + e.getMessage();
        return errorResult(example, index, repeat, out, msg, attempts);
      }
    }
    return new ExampleResult(example.id(), index, repeat, out.value(), scores, out.latencyMs(), out.tokensIn(),
        out.tokensOut(), out.cost(), null, attempts, cached, notes);
  }

  private static ExampleResult errorResult(Example example, int index, int repeat, Output out, String error,
      int attempts) {
    return new ExampleResult(example.id(), index, repeat, out == null ? null : out.value(), Map.of(),
        out == null ? null : out.latencyMs(), out == null ? null : out.tokensIn(),
        out == null ? null : out.tokensOut(), out == null ? null : out.cost(), error, attempts, false);
  }
}
