package dev.assay.systems;

import dev.assay.core.NumberRange;

/**
 * The ranges the built-in adapters accept for their numeric parameters (listed in
 * docs/security.md and docs/adapters.md). A value outside is an input error when the suite is
 * checked, before any process is started or any run created.
 */
public final class AdapterLimits {
  /** {@code command}: processes in the pool; each is a real OS process. */
  public static final NumberRange PROCESSES = NumberRange.integers(1, 256);
  /** {@code openai}: sampling temperature, as the OpenAI API accepts it. */
  public static final NumberRange TEMPERATURE = NumberRange.decimals("0", "2");
  /** {@code openai}: {@code max_tokens} of one answer. */
  public static final NumberRange MAX_TOKENS = NumberRange.integers(1, 1_000_000);
  /** {@code openai}: {@code tokens_per_minute} budget. */
  public static final NumberRange TOKENS_PER_MINUTE = NumberRange.integers(1, 1_000_000_000);
  /** {@code openai}, {@code http}: the longest Retry-After a call waits itself, in seconds. */
  public static final NumberRange RETRY_AFTER_MAX_S = NumberRange.decimals("0", "3600");
  /** {@code openai}, {@code http}: price per million tokens. */
  public static final NumberRange PRICE_PER_MILLION = NumberRange.decimals("0", "100000");
  /** Retrievers: documents per answer ({@code top_k}) and per part of a hybrid ({@code depth}). */
  public static final NumberRange DOCUMENTS = NumberRange.integers(1, 100_000);

  private AdapterLimits() {}
}
