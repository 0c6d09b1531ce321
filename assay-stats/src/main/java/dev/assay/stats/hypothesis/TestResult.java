package dev.assay.stats.hypothesis;

/**
 * The outcome of a two-sided hypothesis test.
 *
 * <p>Invariants: {@code 0 <= pValue <= 1}; {@code method} names the computation actually used
 * (e.g. {@code "wilcoxon-exact"} versus {@code "wilcoxon-normal"}) so a report can say which.
 *
 * @param method computation used
 * @param statistic the test statistic as defined by the test's Javadoc
 * @param pValue two-sided p-value
 */
public record TestResult(String method, double statistic, double pValue) {

  public TestResult {
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1], got " + pValue);
    }
  }
}
