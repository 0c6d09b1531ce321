package dev.assay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rate limiting and backoff, on a simulated clock. */
class PacingTest {
  @Test
  void rateLimiterSpacesRequestsEvenly() throws Exception {
    long[] now = {1_000};
    List<Long> slept = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(600, () -> now[0], nanos -> slept.add(nanos));
    for (int i = 0; i < 4; i++) {
      limiter.acquire();
    }
    // 600 per minute: one every 100 ms; the first goes at once.
    assertThat(slept).containsExactly(100_000_000L, 200_000_000L, 300_000_000L);
    now[0] += 10_000_000_000L;
    slept.clear();
    limiter.acquire();
    assertThat(slept).as("an idle limiter does not bank a burst beyond the next slot").isEmpty();
    limiter.acquire();
    assertThat(slept).containsExactly(100_000_000L);
  }

  @Test
  void backoffDoublesWithJitterWithinBoundsAndIsReproducible() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    for (long seed = 0; seed < 200; seed++) {
      for (int retry = 1; retry <= 6; retry++) {
        long full = Math.min(1000, 100L << (retry - 1));
        long ms = b.before(retry, seed).toMillis();
        assertThat(ms).as("seed %d retry %d", seed, retry).isBetween(full / 2, full);
        assertThat(b.before(retry, seed)).isEqualTo(b.before(retry, seed));
      }
    }
    assertThat(b.before(1000, 1)).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }
}
