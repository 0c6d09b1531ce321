package dev.assay.engine;

import dev.assay.core.Seeds;
import java.time.Duration;

/**
 * Exponential backoff with jitter between retries.
 *
 * <p>The wait before retry {@code k} (1-based) is uniform in [d/2, d] with {@code d = min(max,
 * initial * 2^(k-1))}. The jitter is derived from (seed, example id, attempt) instead of an
 * unseeded generator: it only spreads retries in time, and deriving it keeps the engine free of
 * unseeded randomness.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  Duration before(int retry, long invocationSeed) {
    long base = initial.toNanos();
    long d = retry >= 40 ? max.toNanos() : Math.min(max.toNanos(), base << Math.min(retry - 1, 40));
    if (d < 0) {
      d = max.toNanos();
    }
    double u = Seeds.unit(Seeds.mix(invocationSeed ^ retry));
    return Duration.ofNanos((long) (d / 2.0 + u * d / 2.0));
  }
}
