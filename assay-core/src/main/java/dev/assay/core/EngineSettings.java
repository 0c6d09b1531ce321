package dev.assay.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine ran (or will resume) one system: the suite's engine keys with the system's own
 * overrides applied. Kept in the run record so {@code --resume} and reports need no suite file.
 *
 * @param concurrency in-flight examples, at least 1
 * @param timeout per-attempt timeout of one call, positive
 * @param retries retries after the first attempt, for transient errors only, at least 0
 * @param rateLimitRpm requests per minute, null for no limit
 * @param maxErrorRate the largest share of failed results (system errors, or one metric's failures)
 *     with which the run still counts as completed, in [0, 1]
 */
public record EngineSettings(int concurrency, @JsonSerialize(using = Seconds.class) Duration timeout, int retries,
    Double rateLimitRpm, double maxErrorRate) {
  /** The default {@code max_error_rate}: more than 5% failed results fail the run. */
  public static final double DEFAULT_MAX_ERROR_RATE = 0.05;

  public EngineSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (concurrency < 1 || retries < 0 || timeout.isNegative() || timeout.isZero()
        || !(maxErrorRate >= 0 && maxErrorRate <= 1) || rateLimitRpm != null && !(rateLimitRpm > 0)) {
      throw new IllegalArgumentException("invalid engine settings: concurrency " + concurrency + ", timeout "
          + timeout + ", retries " + retries + ", rate limit " + rateLimitRpm + ", max error rate " + maxErrorRate);
    }
  }

  /** Writes a duration as a plain number of seconds ({@code 60.0}, {@code 0.25}), as suites write it. */
  static final class Seconds extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration d, JsonGenerator g, SerializerProvider provider) throws IOException {
      g.writeNumber(d.toNanos() / 1e9);
    }
  }
}
