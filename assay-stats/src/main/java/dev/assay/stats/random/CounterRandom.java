package dev.assay.stats.random;

import java.nio.charset.StandardCharsets;

/**
 * A counter-based (stateless) generator: every draw is a pure function of
 * {@code (seed, stream, replicate, attempt, unit hash)}.
 *
 * <p>Because no state is carried from one draw to the next, the value an example receives in a
 * replicate is the same whichever thread computes it, in whatever order examples are visited and
 * however a data set is partitioned. This is what makes bootstrap intervals and Monte Carlo
 * p-values independent of thread count and input order.
 *
 * <p>Construction: a replicate key is built by folding each coordinate into the SplitMix64
 * finaliser ({@link #mix64}); a draw is {@code mix64(replicateKey XOR unitHash)}. The unit hash of
 * an example (or cluster) id is FNV-1a 64 of its UTF-8 bytes, finalised with {@code mix64}, so
 * it is stable across JVMs and platforms. The finaliser is a bijection of 64-bit words with full
 * avalanche (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators").
 *
 * <p>Streams separate independent uses under one seed: see the {@code STREAM_*} constants.
 */
public final class CounterRandom {

  /** Stream of bootstrap weights for the first (or only) group of examples. */
  public static final long STREAM_BOOTSTRAP = 0;
  /** Stream of sign flips of the Monte Carlo paired permutation test. */
  public static final long STREAM_PERMUTATION = 1L << 32;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
  /**
   * Poisson(1) inversion thresholds on the 53-bit integer behind {@link #uniform}: K > k exactly
   * when {@code bits >>> 11 >= THRESHOLD[k]}, where THRESHOLD[k] = ⌈P(K <= k)·2⁵³⌉.
   */
  private static final long[] POISSON_ONE_THRESHOLD = poissonOneThresholds(24);

  private CounterRandom() {}

  /** The SplitMix64 finaliser: a bijective 64-bit mixing function. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A 64-bit hash of an id: FNV-1a over its UTF-8 bytes, finalised with {@link #mix64}. Equal ids
   * hash equally on every platform; distinct ids collide with probability about 2⁻⁶⁴.
   */
  public static long hashId(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    long h = 0xCBF29CE484222325L;
    for (byte b : bytes) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return mix64(h ^ ((long) bytes.length * GOLDEN_GAMMA));
  }

  /** The key of one replicate of one stream; {@code attempt} distinguishes redraws. */
  public static long replicateKey(long seed, long stream, long replicate, long attempt) {
    long k = mix64(seed ^ 0x6A09E667F3BCC909L);
    k = mix64(k + (stream + 1) * GOLDEN_GAMMA);
    k = mix64(k + (replicate + 1) * GOLDEN_GAMMA);
    return mix64(k + (attempt + 1) * GOLDEN_GAMMA);
  }

  /** 64 random bits for one unit (example or cluster) in the replicate with this key. */
  public static long draw(long replicateKey, long unitHash) {
    return mix64(replicateKey ^ unitHash);
  }

  /** A uniform double in [0, 1) from the top 53 bits of a draw. */
  public static double uniform(long bits) {
    return (bits >>> 11) * TWO_POW_MINUS_53;
  }

  /** A fair coin from the top bit of a draw. */
  public static boolean coin(long bits) {
    return bits < 0;
  }

  /**
   * A Poisson(1) variate by inversion of the uniform {@link #uniform(long)}. The distribution is
   * exact to double precision: the table covers k up to 23 and P(K > 23) is below 10⁻²³.
   */
  public static int poissonOne(long bits) {
    long x = bits >>> 11;
    long[] t = POISSON_ONE_THRESHOLD;
    // Branch-free for k < 4 (98% of draws): weights are unpredictable, so branches would miss.
    int k = (x >= t[0] ? 1 : 0) + (x >= t[1] ? 1 : 0) + (x >= t[2] ? 1 : 0)
        + (x >= t[3] ? 1 : 0);
    if (k == 4) {
      while (k < t.length && x >= t[k]) {
        k++;
      }
    }
    return k;
  }

  private static long[] poissonOneThresholds(int size) {
    long[] thresholds = new long[size];
    double pmf = Math.exp(-1);
    double cumulative = 0;
    for (int k = 0; k < size; k++) {
      if (k > 0) {
        pmf /= k;
      }
      cumulative += pmf;
      thresholds[k] = (long) Math.ceil(cumulative * 0x1.0p53);
    }
    return thresholds;
  }
}
