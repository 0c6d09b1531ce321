package dev.assay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content key of a cached response: sha256 of the canonical JSON of {@code {system: spec
 * hash, input, repeat, seed}}.
 *
 * <p>The spec hash covers the adapter type and every parameter (model, temperature, prompt...),
 * so changing any of them misses the cache; the seed is the invocation seed the system receives,
 * so a different suite seed asks the system afresh. The example id is not part of the key: two
 * examples with the same input share an answer only when their ids also give the same seed.
 */
public final class CacheKey {
  private CacheKey() {}

  public static String of(String systemSpecHash, Invocation invocation) {
    ObjectNode node = Json.object();
    node.put("system", systemSpecHash);
    node.set("input", invocation.example().input());
    node.put("repeat", invocation.repeat());
    node.put("seed", invocation.seed());
    return Json.hash(node);
  }
}
