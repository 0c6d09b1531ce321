package dev.assay.monitor.profile;

/**
 * A numeric column.
 *
 * @param name column
 * @param count finite values
 * @param missing nulls and NaN
 * @param invalid non-numbers and infinities
 * @param mean mean of the finite values
 * @param std population standard deviation (n denominator)
 * @param min smallest value
 * @param max largest value
 * @param quantiles values at {@link #QUANTILE_LEVELS} from the KLL sketch over all values (null when none
 *     was kept); approximate (rank error about 1.3%) and not bit-reproducible across runs
 * @param sketch the serialised Apache DataSketches KLL doubles sketch, or null (current windows)
 * @param sample a uniform sample of at most the profile's sample size, sorted ascending
 * @param edges bin edges, ascending, distinct: bin i holds values v with edges[i-1] <= v < edges[i]
 *     (the first bin is open below, the last open above)
 * @param bins exact counts per bin, {@code edges.length + 1} of them
 */
public record NumericProfile(String name, long count, long missing, long invalid, double mean, double std,
    double min, double max, double[] quantiles, byte[] sketch, double[] sample, double[] edges, long[] bins)
    implements ColumnProfile {
  /** Quantile levels kept for reports. */
  public static final double[] QUANTILE_LEVELS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

  public NumericProfile {
    if (bins.length != edges.length + 1) {
      throw new IllegalArgumentException(name + ": " + bins.length + " bins for " + edges.length + " edges");
    }
  }

  @Override
  public ColumnType type() {
    return ColumnType.NUMERIC;
  }

  /** The bin of {@code v}: the number of edges at or below it. */
  public static int bin(double[] edges, double v) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Distinct bin edges at the {@code bins}-quantiles (deciles by default) of the seeded sample:
   * edge i is the sample value with {@code ⌈i·n/bins⌉} values below it. Ties collapse, so a column
   * with few distinct values gets fewer bins. Why the sample and not the KLL sketch: DataSketches
   * draws its compaction coins from one unseeded generator shared by every sketch, so sketch
   * quantiles differ in the last digits from run to run, and a profile must be reproducible; the
   * sample's deciles have a rank error of about 0.7% at 2,000 values, the sketch's about 1.3%. The
   * counts in the bins are exact whatever the edges.
   */
  public static double[] edgesFrom(double[] sortedSample, int binCount) {
    int n = sortedSample.length;
    if (n == 0 || binCount < 2) {
      return new double[0];
    }
    double[] q = new double[binCount - 1];
    for (int i = 0; i < q.length; i++) {
      int rank = (int) Math.min(n - 1, (long) Math.ceil((i + 1.0) * n / binCount));
      q[i] = sortedSample[rank];
    }
    return java.util.Arrays.stream(q).distinct().sorted().toArray();
  }}
