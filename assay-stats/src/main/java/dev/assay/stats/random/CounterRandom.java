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
  /** Stream of per-value bootstrap counts ({@link CountTable}: one Poisson count per distinct value). */
  public static final long STREAM_BOOTSTRAP_BY_VALUE = 2L << 32;
  /** Stream of per-magnitude head counts of the sign-flip test ({@link CountTable}). */
  public static final long STREAM_PERMUTATION_BY_VALUE = 3L << 32;

  /** The cap of {@link #poissonOneCappedBlock}: a capped weight is exactly this value. */
  public static final int POISSON_BLOCK_CAP = 8;

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
    // ASCII ids (the usual case) are their own UTF-8 bytes: hash the chars without encoding,
    // which saves an allocation per id (seconds at a million ids). Same value either way.
    long h = 0xCBF29CE484222325L;
    int length = id.length();
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c >= 0x80) {
        return hashUtf8(id);
      }
      h ^= c;
      h *= 0x100000001B3L;
    }
    return mix64(h ^ ((long) length * GOLDEN_GAMMA));
  }

  /**
   * A 64-bit hash of a value, in place of a unit's id hash when draws are made per distinct value:
   * equal values (-0.0 and 0.0 alike) hash equally; distinct values never collide ({@link #mix64}
   * is a bijection).
   */
  public static long hashValue(double value) {
    return mix64(Double.doubleToLongBits(value == 0 ? 0.0 : value) ^ 0x3C6EF372FE94F82BL);
  }

  private static long hashUtf8(String id) {
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

  /**
   * Poisson(1) weights of a block of units in one replicate: {@code out[i] = poissonOne(draw(
   * replicateKey, unitHashes[from + i]))} for {@code i < len}, exactly. Returns their sum.
   *
   * <p>Why a bulk form: written as straight-line 64-bit arithmetic (the comparison {@code x >= t}
   * as the sign bit of {@code t - 1 - x}, valid because both are below 2⁵³), the mixing and the
   * inversion for K ≤ 8 have no branches and the JIT vectorises them; only the rare blocks with
   * a draw K ≥ 8 (P ≈ 10⁻⁵ per draw) take a scalar pass that finishes those draws by {@link
   * #poissonOne}.
   */
  public static long poissonOneBlock(long replicateKey, long[] unitHashes, int from, int len,
      long[] out) {
    poissonOneCappedBlock(replicateKey, unitHashes, from, len, out);
    return finishCapped(replicateKey, unitHashes, from, len, out);
  }

  /**
   * As {@link #poissonOneBlock(long, long[], int, int, long[])} for a block whose hashes start at
   * index 0 of {@code blockHashes} (a distinct array from {@code out}): {@code out[i] =
   * poissonOne(draw(replicateKey, blockHashes[i]))} for {@code i < len}, exactly; returns their
   * sum. Callers that draw many replicates of one block copy its hashes once and use this form:
   * the JIT vectorises a loop whose reads and writes share one index without the per-replicate
   * copy the offset form needs.
   */
  public static long poissonOneBlock(long replicateKey, long[] blockHashes, long[] out, int len) {
    poissonOneCappedBlock(replicateKey, blockHashes, out, len);
    return finishCapped(replicateKey, blockHashes, 0, len, out);
  }

  /** Sums capped weights, finishing the rare capped ones ({@code out[i] == 8}) exactly. */
  private static long finishCapped(long replicateKey, long[] hashes, int from, int len,
      long[] out) {
    long total = 0;
    long saturated = 0;
    for (int i = 0; i < len; i++) {
      long k = out[i];
      total += k;
      saturated |= k >>> 3; // k <= 8, so non-zero exactly when k == 8
    }
    if (saturated == 0) {
      return total;
    }
    for (int i = 0; i < len; i++) {
      if (out[i] == 8) {
        long k = poissonOne(draw(replicateKey, hashes[from + i]));
        total += k - 8;
        out[i] = k;
      }
    }
    return total;
  }

  /**
   * Poisson(1) weights of a block capped at {@link #POISSON_BLOCK_CAP}: {@code out[i] =
   * min(poissonOne(draw(replicateKey, unitHashes[from + i])), 8)} for {@code i < len}, exactly.
   * A weight below 8 is the exact draw; 8 means "8 or more" (P ≈ 1.0·10⁻⁵ per draw) and must be
   * finished by {@link #poissonOne} (as {@link #poissonOneBlock} does). Branch-free, so the JIT
   * vectorises it; callers that only need sums can detect a capped weight cheaply (bit 3).
   */
  public static void poissonOneCappedBlock(long replicateKey, long[] unitHashes, int from,
      int len, long[] out) {
    mixBlock(replicateKey, unitHashes, from, len, out);
    invertBelowEight(out, len);
  }

  /**
   * As {@link #poissonOneCappedBlock(long, long[], int, int, long[])} for a block whose hashes
   * start at index 0 of {@code blockHashes}, a distinct array from {@code out}: {@code out[i] =
   * min(poissonOne(draw(replicateKey, blockHashes[i])), 8)} for {@code i < len}, exactly.
   */
  public static void poissonOneCappedBlock(long replicateKey, long[] blockHashes, long[] out,
      int len) {
    if (blockHashes == out) {
      throw new IllegalArgumentException("block hashes and weights must be distinct arrays");
    }
    mixAligned(replicateKey, blockHashes, len, out);
    invertBelowEight(out, len);
  }

  /** {@code out[i] = draw(key, hashes[from + i]) >>> 11}: the 53 bits behind the uniform. */
  private static void mixBlock(long key, long[] hashes, int from, int len, long[] out) {
    // Copy, then mix in place: C2 does not vectorise a loop reading one long[] and writing
    // another that it cannot prove distinct, but does vectorise in-place updates.
    System.arraycopy(hashes, from, out, 0, len);
    for (int i = 0; i < len; i++) {
      long z = key ^ out[i];
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      out[i] = (z ^ (z >>> 31)) >>> 11;
    }
  }

  /**
   * {@code out[i] = draw(key, hashes[from + i]) & Long.MIN_VALUE}: the sign bit of each draw, set
   * exactly when {@link #coin} of the draw is true. XOR-ed into a double's bits it flips that
   * double's sign on heads, so sign-flip sums need no branch on an unpredictable coin.
   */
  public static void coinSignBlock(long key, long[] hashes, int from, int len, long[] out) {
    System.arraycopy(hashes, from, out, 0, len); // in place, so C2 vectorises (see mixBlock)
    for (int i = 0; i < len; i++) {
      long z = key ^ out[i];
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      out[i] = (z ^ (z >>> 31)) & Long.MIN_VALUE;
    }
  }

  /**
   * {@code out[i] = draw(key, hashes[i]) >>> 11}. Reads and writes share the index, so C2
   * vectorises the loop directly from the source array (no copy per call).
   */
  private static void mixAligned(long key, long[] hashes, int len, long[] out) {
    for (int i = 0; i < len; i++) {
      long z = key ^ hashes[i];
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      out[i] = (z ^ (z >>> 31)) >>> 11;
    }
  }

  /**
   * {@code out[i] = min(K, 8)}, the number of thresholds at or below {@code out[i]}: {@code x >= t}
   * is the sign bit of {@code t - 1 - x} (both below 2⁵³, so no overflow). P(K ≥ 8) ≈ 10⁻⁵.
   */
  private static void invertBelowEight(long[] out, int len) {
    long[] t = POISSON_ONE_THRESHOLD;
    long b0 = t[0] - 1;
    long b1 = t[1] - 1;
    long b2 = t[2] - 1;
    long b3 = t[3] - 1;
    long b4 = t[4] - 1;
    long b5 = t[5] - 1;
    long b6 = t[6] - 1;
    long b7 = t[7] - 1;
    for (int i = 0; i < len; i++) {
      long x = out[i];
      out[i] = ((b0 - x) >>> 63) + ((b1 - x) >>> 63) + ((b2 - x) >>> 63) + ((b3 - x) >>> 63)
          + ((b4 - x) >>> 63) + ((b5 - x) >>> 63) + ((b6 - x) >>> 63) + ((b7 - x) >>> 63);
    }
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
