package dev.assay.stats.random;

/**
 * Sampling of one fixed count distribution (Poisson(λ), or Binomial(n, ½)) by inversion of the
 * 53-bit uniform behind a {@link CounterRandom} draw, with a table built once and used for every
 * replicate.
 *
 * <p>Why: a bootstrap replicate's Poisson(1) weights of the n_v examples that share one value add up
 * to a Poisson(n_v) count, and a sign-flip pattern's heads among n_v examples of one magnitude are a
 * Binomial(n_v, ½) count. Drawing that one count per distinct value instead of n_v variates gives a
 * replicate of exactly the same distribution at the cost of the number of distinct values, not of
 * examples: at 100,000 examples of a 0/1 metric, three draws instead of 100,000.
 *
 * <p>Exactness, as for {@link CounterRandom#poissonOne}: {@code sample} returns k exactly when the
 * 53-bit integer x behind the draw satisfies {@code T[k-1] <= x < T[k]}, where {@code T[k] =
 * ⌈P(K <= k)·2⁵³⌉}; probabilities are computed from the ratio recurrences of the probability mass
 * function outward from the mode, normalised by their sum (relative error a few units of 10⁻¹⁶), and
 * both tails are cut where the mass left is below 2⁻⁶⁰ (that mass goes to the outermost entries).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CountTable {
  /** Below this many examples the per-example draw takes milliseconds: {@link #pays} says no. */
  public static final int MIN_EXAMPLES = 10_000;
  /** Examples per distinct value below which per-value draws do not pay for their table lookups. */
  public static final int EXAMPLES_PER_VALUE = 16;

  private static final double TWO_POW_53 = 0x1.0p53;
  /** Relative weight (to the mode's) below which a tail entry ends the table: mass left < 2⁻⁶⁰. */
  private static final double CUT = 0x1.0p-80;

  private final int lowest;
  /** thresholds[j] = ⌈P(K <= lowest + j)·2⁵³⌉; the last is 2⁵³, so every draw lands in the table. */
  private final long[] thresholds;
  /** guide[u] = #{j : thresholds[j] <= u·2^shift}: where the search for x in bucket u starts. */
  private final int[] guide;
  private final int shift;

  private CountTable(int lowest, double[] weights) {
    this.lowest = lowest;
    int len = weights.length;
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    thresholds = new long[len];
    double cumulative = 0;
    for (int j = 0; j < len; j++) {
      cumulative += weights[j];
      thresholds[j] = j == len - 1 ? 1L << 53 : Math.min(1L << 53, (long) Math.ceil(cumulative / total * TWO_POW_53));
    }
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, len - 1)); // buckets ≈ entries
    shift = 53 - Math.min(bits + 1, 20);
    guide = new int[1 << (53 - shift)];
    int j = 0;
    for (int u = 0; u < guide.length; u++) {
      long start = (long) u << shift;
      while (j < len - 1 && thresholds[j] <= start) {
        j++;
      }
      guide[u] = j;
    }
  }

  /**
   * Whether drawing one count per distinct value pays over drawing per example: at least {@value
   * #MIN_EXAMPLES} examples (below that the per-example draw is already fast, and keeping it keeps
   * the figures a seed gave before) and at least {@value #EXAMPLES_PER_VALUE} examples per distinct
   * value.
   */
  public static boolean pays(int examples, int distinctValues) {
    return examples >= MIN_EXAMPLES && (long) distinctValues * EXAMPLES_PER_VALUE <= examples;
  }

  /** Poisson(mean), 0 < mean <= 2³¹ - 1 (a count of examples). */
  public static CountTable poisson(double mean) {
    if (!(mean > 0) || mean > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a Poisson mean must be in (0, 2^31 - 1], got " + mean);
    }
    long mode = (long) Math.floor(mean);
    // Relative weights w(k)/w(mode): w(k+1) = w(k)·λ/(k+1) upwards, w(k-1) = w(k)·k/λ downwards.
    DoubleList up = new DoubleList();
    double w = 1;
    for (long k = mode; w >= CUT; k++) {
      up.add(w);
      w *= mean / (k + 1);
    }
    DoubleList down = new DoubleList();
    w = 1;
    long k = mode;
    while (k > 0) {
      w *= k / mean;
      k--;
      if (w < CUT) {
        break;
      }
      down.add(w);
    }
    return of(mode - down.size(), down, up);
  }

  /** Binomial(trials, ½), trials >= 1: the number of heads among {@code trials} fair coins. */
  public static CountTable binomialHalf(int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    int mode = trials / 2;
    // w(k+1) = w(k)·(n-k)/(k+1) upwards, w(k-1) = w(k)·k/(n-k+1) downwards.
    DoubleList up = new DoubleList();
    double w = 1;
    for (int k = mode; k <= trials && w >= CUT; k++) {
      up.add(w);
      w *= (double) (trials - k) / (k + 1);
    }
    DoubleList down = new DoubleList();
    w = 1;
    for (int k = mode; k > 0; k--) {
      w *= k / (double) (trials - k + 1);
      if (w < CUT) {
        break;
      }
      down.add(w);
    }
    return of(mode - down.size(), down, up);
  }

  /** The table of weights {@code reverse(down)} then {@code up}, the first at count {@code lowest}. */
  private static CountTable of(long lowest, DoubleList down, DoubleList up) {
    if (lowest + down.size() + up.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("counts beyond the int range");
    }
    double[] weights = new double[down.size() + up.size()];
    for (int i = 0; i < down.size(); i++) {
      weights[i] = down.get(down.size() - 1 - i);
    }
    for (int i = 0; i < up.size(); i++) {
      weights[down.size() + i] = up.get(i);
    }
    return new CountTable((int) lowest, weights);
  }

  /** The smallest count this table returns. */
  public int lowest() {
    return lowest;
  }

  /** The largest count this table returns. */
  public int highest() {
    return lowest + thresholds.length - 1;
  }

  /** The count for a 64-bit draw ({@link CounterRandom#draw}): inversion of its top 53 bits. */
  public int sample(long bits) {
    long x = bits >>> 11;
    int j = guide[(int) (x >>> shift)];
    while (x >= thresholds[j]) {
      j++; // stops at the last entry, whose threshold 2⁵³ exceeds every x
    }
    return lowest + j;
  }

  /** P(K <= k) as the table holds it, scaled to 2⁵³ (for tests). */
  long threshold(int k) {
    return k < lowest ? 0 : k > highest() ? 1L << 53 : thresholds[k - lowest];
  }

  /** A growable list of doubles (tables are built once, so simplicity over speed). */
  private static final class DoubleList {
    private double[] values = new double[64];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double get(int i) {
      return values[i];
    }

    int size() {
      return size;
    }
  }
}
