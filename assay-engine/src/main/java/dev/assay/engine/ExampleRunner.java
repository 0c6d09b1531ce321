package dev.assay.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.CacheKey;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Invocation;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.Seeds;
import dev.assay.core.text.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one example (one repeat) through a system and its scorers: cache, then {@link Attempts},
 * then scoring.
 *
 * <p>Thread-safe: one instance serves all workers of a run. What the system is asked (input,
 * seed, repeat) is a pure function of the example and the suite seed, never of timing. A scorer
 * that fails fails its own metrics for this example ({@link ExampleResult#metricErrors}); the
 * other metrics keep their scores. Every output and failure message has the system's secrets
 * redacted ({@link Secrets#redact}) before it is scored, journalled, cached or shown.
 */
final class ExampleRunner {
  private final Attempts attempts;
  private final String cacheIdentity;
  private final List<Scorer> scorers;
  private final RunSettings settings;
  private final ResponseCache cache;
  private final Secrets secrets;

  ExampleRunner(Attempts attempts, String cacheIdentity, List<Scorer> scorers, RunSettings settings,
      ResponseCache cache, Secrets secrets) {
    this.secrets = secrets;
    this.attempts = attempts;
    this.cacheIdentity = cacheIdentity;
    this.scorers = List.copyOf(scorers);
    this.settings = settings;
    this.cache = settings.useCache() ? cache : ResponseCache.NONE;
  }

  /** The outcome of one example: its result and, when fresh from the system, what to cache. */
  record Outcome(ExampleResult result, String cacheKey, Output toCache) {}

  Outcome run(Example example, int index, int repeat) throws InterruptedException {
    Invocation inv = new Invocation(example, repeat, Seeds.invocation(settings.seed(), example.id(), repeat),
        settings.timeout());
    String key = settings.useCache() ? CacheKey.of(cacheIdentity, inv) : null;
    if (key != null) {
      Optional<Output> hit = cache.get(key);
      if (hit.isPresent()) {
        // A cache written before a secret was redacted must not carry it into a run.
        return new Outcome(scored(example, index, repeat, redacted(hit.get()), 0, true), null, null);
      }
    }
    Attempts.Result r = attempts.call(inv);
    if (r.output() == null) {
      return new Outcome(new ExampleResult(example.id(), index, repeat, null, Map.of(), null, null, null, null,
          secrets.redact(r.failure()), r.attempts(), false), null, null);
    }
    Output out = redacted(r.output());
    return new Outcome(scored(example, index, repeat, out, r.attempts(), false), key, out);
  }

  private Output redacted(Output out) {
    JsonNode value = secrets.redact(out.value());
    return value == out.value() ? out : new Output(value, out.latencyMs(), out.tokensIn(), out.tokensOut(), out.cost());
  }

  private ExampleResult scored(Example example, int index, int repeat, Output out, int attemptCount, boolean cached)
      throws InterruptedException {
    Map<String, Score> scores = new LinkedHashMap<>();
    Map<String, String> failures = null;
    for (Scorer s : scorers) {
      Map<String, Score> got;
      String failure = null;
      try {
        got = s.score(example, out);
      } catch (RuntimeException e) {
        got = Map.of();
        failure = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      for (Metric m : s.metrics()) {
        Score score = got.get(m.name());
        if (score != null) {
          scores.put(m.name(), score);
        } else {
          // Rare (a failing metric): allocate only then.
          failures = failures == null ? new LinkedHashMap<>() : failures;
          failures.put(m.name(), failure != null ? failure : "the scorer returned no score");
        }
      }
    }
    return new ExampleResult(example.id(), index, repeat, out.value(), scores, out.latencyMs(), out.tokensIn(),
        out.tokensOut(), out.cost(), null, attemptCount, cached, failures);
  }
}
