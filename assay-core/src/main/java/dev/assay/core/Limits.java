package dev.assay.core;

import java.time.Duration;

/**
 * The ranges assay accepts for the numeric settings of suites and commands, in one place so that
 * {@code docs/security.md} and {@code docs/suites.md} can list them and every check uses the
 * same numbers. Each is wide enough for any real evaluation and narrow enough that a typo or a
 * hostile file cannot start a million threads, allocate an array of 2^31 results or silently
 * turn a limit off. Values outside a range are input errors raised before anything is created.
 */
public final class Limits {
  /** Suite {@code concurrency}: examples in flight per system. */
  public static final NumberRange CONCURRENCY = NumberRange.integers(1, 1024);
  /** Suite {@code repeats}: calls per example. */
  public static final NumberRange REPEATS = NumberRange.integers(1, 1000);
  /** Suite {@code retries}: retries after the first attempt. */
  public static final NumberRange RETRIES = NumberRange.integers(0, 20);
  /**
   * Suite and system {@code rate_limit_rpm}: requests per minute. The floor keeps the spacing
   * between requests (60 s / rpm) representable; below it a limit would wrap around to none.
   */
  public static final NumberRange RATE_LIMIT_RPM = NumberRange.decimals("0.001", "1000000");
  /** Suite {@code timeout}: the shortest per-example timeout. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  /** Suite {@code timeout}: the longest per-example timeout. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
  /** Examples × repeats of one run: each result has a slot in an array indexed by an int. */
  public static final long MAX_RESULTS = Integer.MAX_VALUE;
  /** {@code --replicates}: bootstrap replicates and Monte Carlo permutations. */
  public static final NumberRange REPLICATES = NumberRange.integers(1, 1_000_000);
  /** {@code --confidence} and a gate's {@code confidence}: the level of intervals. */
  public static final NumberRange CONFIDENCE = NumberRange.decimals("0.5", "0.9999");
  /** {@code assay report --max-flips}: flipped examples listed. */
  public static final NumberRange MAX_FLIPS = NumberRange.integers(0, 100_000);

  /**
   * The largest magnitude of a score value or sufficient statistic that a comparison, gate or
   * report accepts. Every statistic assay computes stays finite below it: a mean or a bootstrap
   * sum over 2^31 results with Poisson weights up to 24 (at most about 1e112), a difference of two
   * such values, and a sum of squared differences (at most about 1e225). Near the double limit
   * (1.8e308) a plain sum or difference already overflows. No real metric comes near: a value this
   * large is a scorer's fault, or a metric to compare on a log scale.
   */
  public static final double SCORE_MAGNITUDE = 1e100;

  private Limits() {}
}
