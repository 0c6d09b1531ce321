package dev.assay.core;

import java.nio.charset.StandardCharsets;

/**
 * Derives the seed of each invocation from the suite seed, the example id and the repeat index,
 * so that what a system is asked does not depend on the order or concurrency of a run.
 */
public final class Seeds {
  private Seeds() {}

  /** A 64-bit seed for (suite seed, example id, repeat), mixed with SplitMix64's finaliser. */
  public static long invocation(long seed, String exampleId, int repeat) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ hash64(exampleId));
    return mix(h ^ (repeat + 1L));
  }

  /** FNV-1a over the UTF-8 bytes, then mixed: a stable 64-bit hash of a string. */
  public static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A uniform double in [0, 1) from the top 53 bits of {@code bits}. */
  public static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's output function: a bijective avalanche of 64 bits. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
