package dev.assay.core;

import java.util.Optional;

/**
 * Model responses cached by content key, so a re-run is free and reproducible.
 *
 * <p>The key is sha256 of (system spec hash, canonical input, parameters, repeat index); see
 * {@code CacheKey}. Only successful outputs are cached. Thread-safe.
 */
public interface ResponseCache {
  Optional<Output> get(String key);

  void put(String key, Output output);

  /** Stores several outputs; implementations make this one durable write. */
  default void putAll(java.util.Map<String, Output> outputs) {
    outputs.forEach(this::put);
  }

  /** A cache that stores nothing: {@code --no-cache}. */
  ResponseCache NONE =
      new ResponseCache() {
        @Override
        public Optional<Output> get(String key) {
          return Optional.empty();
        }

        @Override
        public void put(String key, Output output) {}
      };
}
