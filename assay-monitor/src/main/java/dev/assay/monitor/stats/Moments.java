package dev.assay.monitor.stats;

/**
 * Count, means, variances and covariance of paired values (x, y), accumulated in one pass by
 * Welford's update (numerically stable) and mergeable (Chan et al. 1979), so a readout of ten
 * million events needs only a few numbers per variant and metric.
 *
 * <p>Variances and the covariance use the n - 1 denominator (as numpy's {@code ddof=1}). For a
 * single variable, pass y = 0 and ignore its fields. Not thread-safe; merge per-thread copies.
 */
public final class Moments {
  private long n;
  private double meanX;
  private double meanY;
  private double m2x;
  private double m2y;
  private double cxy;

  /** Adds one pair. */
  public void add(double x, double y) {
    n++;
    double dx = x - meanX;
    meanX += dx / n;
    double dy = y - meanY;
    meanY += dy / n;
    m2x += dx * (x - meanX);
    m2y += dy * (y - meanY);
    cxy += dx * (y - meanY);
  }

  /** Adds one value of x (y stays 0). */
  public void add(double x) {
    add(x, 0);
  }

  /** Folds {@code other} into this (other is unchanged). */
  public void merge(Moments other) {
    if (other.n == 0) {
      return;
    }
    if (n == 0) {
      n = other.n;
      meanX = other.meanX;
      meanY = other.meanY;
      m2x = other.m2x;
      m2y = other.m2y;
      cxy = other.cxy;
      return;
    }
    double total = n + other.n;
    double dx = other.meanX - meanX;
    double dy = other.meanY - meanY;
    double w = (double) n * other.n / total;
    m2x += other.m2x + dx * dx * w;
    m2y += other.m2y + dy * dy * w;
    cxy += other.cxy + dx * dy * w;
    meanX += dx * other.n / total;
    meanY += dy * other.n / total;
    n += other.n;
  }

  /** A summary from known values (tests, stored profiles). */
  public static Moments of(long n, double meanX, double varX, double meanY, double varY, double covXY) {
    Moments m = new Moments();
    m.n = n;
    m.meanX = meanX;
    m.meanY = meanY;
    double d = Math.max(0, n - 1);
    m.m2x = varX * d;
    m.m2y = varY * d;
    m.cxy = covXY * d;
    return m;
  }

  public long n() {
    return n;
  }

  public double meanX() {
    return meanX;
  }

  public double meanY() {
    return meanY;
  }

  /** Sample variance of x (n - 1 denominator); NaN below two values. */
  public double varX() {
    return n > 1 ? m2x / (n - 1) : Double.NaN;
  }

  public double varY() {
    return n > 1 ? m2y / (n - 1) : Double.NaN;
  }

  public double covXY() {
    return n > 1 ? cxy / (n - 1) : Double.NaN;
  }

  /** Population standard deviation of x (n denominator, as numpy's {@code std}); 0 for one value. */
  public double populationStdX() {
    return n > 0 ? Math.sqrt(m2x / n) : Double.NaN;
  }
}
