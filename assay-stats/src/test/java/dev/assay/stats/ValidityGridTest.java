package dev.assay.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.BootstrapDistribution;
import dev.assay.stats.hypothesis.PairedTTest;
import dev.assay.stats.interval.NewcombePairedInterval;
import dev.assay.stats.interval.PairedCounts;
import dev.assay.stats.interval.WilsonInterval;
import dev.assay.stats.random.CounterRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Simulated coverage of the 95% intervals: method × distribution × n (issue 4; the table in
 * docs/statistics.md, "Validity: simulated coverage", is this class's output).
 *
 * <p>Every cell must cover within {@value #BAND_SES} binomial standard errors of 0.95, computed
 * from its own number of simulated data sets, unless the cell is listed in {@link #DOCUMENTED}:
 * those are the places where a method is known to miss nominal (documented in statistics.md with
 * the measured value) and assert the documented range instead, so a change of behaviour in either
 * direction fails the test.
 *
 * <p>Determinism: data set k of a cell is drawn from its own {@code SplittableRandom} seeded from
 * ({@link #SEED}, cell, k), and its bootstrap uses seed k on one thread, so coverages are exact
 * reproducible numbers whatever the parallel schedule. Sizes keep the class within seconds: the
 * closed-form intervals use {@value #CLOSED_FORM_DATASETS} data sets per cell, the bootstrap
 * (B = {@value #REPLICATES}) the first {@value #BOOTSTRAP_DATASETS} of them.
 *
 * <p>The table is printed to standard output (surefire keeps it in
 * {@code target/surefire-reports/dev.assay.stats.ValidityGridTest-output.txt}).
 */
class ValidityGridTest {

  static final long SEED = 20_261_127L;
  static final double CONFIDENCE = 0.95;
  static final int CLOSED_FORM_DATASETS = 10_000;
  static final int BOOTSTRAP_DATASETS = 1_000;
  static final int REPLICATES = 1_000;
  static final double BAND_SES = 3;
  static final int[] SIZES = {50, 200, 1_000};

  /** Interval methods of the grid. */
  enum Method {
    PERCENTILE("bootstrap percentile", true),
    BCA("bootstrap BCa", true),
    STUDENT_T("Student t", false),
    WILSON("Wilson (one proportion)", false),
    NEWCOMBE("Newcombe (paired difference)", false);

    final String label;
    final boolean bootstrap;

    Method(String label, boolean bootstrap) {
      this.label = label;
      this.bootstrap = bootstrap;
    }

    int datasets() {
      return bootstrap ? BOOTSTRAP_DATASETS : CLOSED_FORM_DATASETS;
    }
  }

  /**
   * Data-generating distributions. Bernoulli: paired 0/1 outcomes with cell probabilities
   * both 0.60, candidate only 0.15, baseline only 0.10, neither 0.15 (accuracies 0.70 and 0.75,
   * true difference 0.05); Wilson covers the candidate's accuracy 0.75. The continuous
   * distributions are paired differences whose mean is covered.
   */
  enum Distribution {
    BERNOULLI("Bernoulli, paired (0.70 vs 0.75)"),
    LOG_NORMAL("log-normal(0, 1)"),
    STUDENT_T3("Student t, 3 df");

    final String label;

    Distribution(String label) {
      this.label = label;
    }

    List<Method> methods() {
      return this == BERNOULLI ? List.of(Method.values())
          : List.of(Method.PERCENTILE, Method.BCA, Method.STUDENT_T);
    }
  }

  /**
   * A cell documented to miss nominal, with the coverage measured at {@link #SEED}: the coverage
   * must stay within {@value #BAND_SES} binomial standard errors of that value, so the test fails
   * on a regression and on an unexplained change alike.
   */
  record Documented(Method method, Distribution distribution, int n, double measured) {

    double[] range() {
      double se = Math.sqrt(measured * (1 - measured) / method.datasets());
      return new double[] {measured - BAND_SES * se, measured + BAND_SES * se};
    }
  }

  /**
   * Cells outside the nominal band, each a known limitation described in docs/statistics.md
   * ("Validity: simulated coverage"): the mean of strongly right-skewed data at small n (all
   * three mean intervals under-cover); BCa on heavy tails at small n (the jackknife acceleration
   * is driven by a few extreme values); the t interval on heavy symmetric tails (conservative);
   * Wilson's coverage oscillating with n at a fixed p (exact coverage at p = 0.75, n = 200 is
   * 0.9592 by enumeration of the binomial).
   */
  static final List<Documented> DOCUMENTED = List.of(
      new Documented(Method.PERCENTILE, Distribution.LOG_NORMAL, 50, 0.8890),
      new Documented(Method.PERCENTILE, Distribution.LOG_NORMAL, 200, 0.9290),
      new Documented(Method.BCA, Distribution.LOG_NORMAL, 50, 0.9040),
      new Documented(Method.BCA, Distribution.STUDENT_T3, 50, 0.9030),
      new Documented(Method.BCA, Distribution.STUDENT_T3, 200, 0.9290),
      new Documented(Method.STUDENT_T, Distribution.LOG_NORMAL, 50, 0.8980),
      new Documented(Method.STUDENT_T, Distribution.LOG_NORMAL, 200, 0.9323),
      new Documented(Method.STUDENT_T, Distribution.STUDENT_T3, 50, 0.9588),
      new Documented(Method.WILSON, Distribution.BERNOULLI, 200, 0.9585));

  private static Map<Distribution, Map<Integer, Map<Method, Double>>> coverage;

  @BeforeAll
  static void simulateGrid() {
    coverage = new EnumMap<>(Distribution.class);
    for (Distribution distribution : Distribution.values()) {
      Map<Integer, Map<Method, Double>> bySize = new java.util.TreeMap<>();
      for (int n : SIZES) {
        bySize.put(n, simulate(distribution, n));
      }
      coverage.put(distribution, bySize);
    }
    System.out.println(table());
  }

  @TestFactory
  Stream<DynamicTest> everyCellCoversNominallyOrAsDocumented() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Distribution distribution : Distribution.values()) {
      for (int n : SIZES) {
        for (Method method : distribution.methods()) {
          tests.add(DynamicTest.dynamicTest(method.label + ", " + distribution.label + ", n=" + n,
              () -> assertCell(method, distribution, n)));
        }
      }
    }
    return tests.stream();
  }

  private static void assertCell(Method method, Distribution distribution, int n) {
    double observed = coverage.get(distribution).get(n).get(method);
    double[] band = nominalBand(method.datasets());
    Documented documented = documented(method, distribution, n);
    String cell = String.format("%s, %s, n=%d: coverage %.4f over %d data sets (seed %d)",
        method.label, distribution.label, n, observed, method.datasets(), SEED);
    if (documented == null) {
      assertThat(observed).as("%s; nominal band [%.4f, %.4f]", cell, band[0], band[1])
          .isBetween(band[0], band[1]);
    } else {
      double[] range = documented.range();
      assertThat(observed).as("%s; documented %.4f, range [%.4f, %.4f] (docs/statistics.md)",
          cell, documented.measured(), range[0], range[1]).isBetween(range[0], range[1]);
    }
  }

  /** 0.95 ± {@value #BAND_SES} binomial standard errors of a coverage over {@code datasets}. */
  static double[] nominalBand(int datasets) {
    double se = Math.sqrt(CONFIDENCE * (1 - CONFIDENCE) / datasets);
    return new double[] {CONFIDENCE - BAND_SES * se, CONFIDENCE + BAND_SES * se};
  }

  private static Documented documented(Method method, Distribution distribution, int n) {
    return DOCUMENTED.stream()
        .filter(d -> d.method() == method && d.distribution() == distribution && d.n() == n)
        .findFirst().orElse(null);
  }

  /** Coverage of each method of the distribution at size n. */
  static Map<Method, Double> simulate(Distribution distribution, int n) {
    List<Method> methods = distribution.methods();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(String.format("ex-%05d", i));
    }
    long cellSeed = CounterRandom.mix64(SEED ^ CounterRandom.mix64(
        (long) distribution.ordinal() << 32 | n));
    int[][] covered = IntStream.range(0, CLOSED_FORM_DATASETS).parallel().mapToObj(k -> {
      SplittableRandom random = new SplittableRandom(CounterRandom.mix64(cellSeed + k));
      return coveredBy(distribution, methods, ids, random, k);
    }).toArray(int[][]::new);
    Map<Method, Double> result = new EnumMap<>(Method.class);
    for (int m = 0; m < methods.size(); m++) {
      Method method = methods.get(m);
      int hits = 0;
      for (int k = 0; k < method.datasets(); k++) {
        hits += covered[k][m];
      }
      result.put(method, (double) hits / method.datasets());
    }
    return result;
  }

  /** One simulated data set: 1 for each method (in {@code methods} order) that covers. */
  private static int[] coveredBy(Distribution distribution, List<Method> methods,
      List<String> ids, SplittableRandom random, int k) {
    int n = ids.size();
    double[] baseline = new double[n];
    double[] candidate = new double[n];
    double truth = fill(distribution, random, baseline, candidate);
    int[] hit = new int[methods.size()];
    BootstrapDistribution boot = k < BOOTSTRAP_DATASETS
        ? Bootstrap.defaults().withReplicates(REPLICATES).withThreads(1).withSeed(k)
            .pairedMeanDifference(ids, baseline, candidate, null)
        : null;
    for (int m = 0; m < methods.size(); m++) {
      Method method = methods.get(m);
      if (method.bootstrap && boot == null) {
        continue;
      }
      ConfidenceInterval ci = switch (method) {
        case PERCENTILE -> boot.percentile(CONFIDENCE);
        case BCA -> boot.bca(CONFIDENCE);
        case STUDENT_T -> PairedTTest.of(baseline, candidate).interval(CONFIDENCE);
        case WILSON -> WilsonInterval.of(successes(candidate), n, CONFIDENCE);
        case NEWCOMBE -> NewcombePairedInterval.of(pairedCounts(baseline, candidate),
            CONFIDENCE);
      };
      double target = method == Method.WILSON ? 0.75 : truth;
      hit[m] = ci.contains(target) ? 1 : 0;
    }
    return hit;
  }

  /** Draws one data set into baseline and candidate; returns the true mean difference. */
  private static double fill(Distribution distribution, SplittableRandom random,
      double[] baseline, double[] candidate) {
    for (int i = 0; i < baseline.length; i++) {
      switch (distribution) {
        case BERNOULLI -> {
          double u = random.nextDouble();
          baseline[i] = u < 0.60 || (u >= 0.75 && u < 0.85) ? 1 : 0; // both, baseline only
          candidate[i] = u < 0.75 ? 1 : 0; // both, candidate only
        }
        case LOG_NORMAL -> candidate[i] = Math.exp(random.nextGaussian());
        case STUDENT_T3 -> {
          double z = random.nextGaussian();
          double chiSquare = 0;
          for (int j = 0; j < 3; j++) {
            double g = random.nextGaussian();
            chiSquare += g * g;
          }
          candidate[i] = z / Math.sqrt(chiSquare / 3);
        }
      }
    }
    return switch (distribution) {
      case BERNOULLI -> 0.05;
      case LOG_NORMAL -> Math.exp(0.5);
      case STUDENT_T3 -> 0;
    };
  }

  private static long successes(double[] outcomes) {
    long s = 0;
    for (double v : outcomes) {
      s += (long) v;
    }
    return s;
  }

  private static PairedCounts pairedCounts(double[] baseline, double[] candidate) {
    boolean[] b = new boolean[baseline.length];
    boolean[] c = new boolean[candidate.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = baseline[i] == 1;
      c[i] = candidate[i] == 1;
    }
    return PairedCounts.of(b, c);
  }

  /** The grid as a Markdown table; cells outside the nominal band are marked. */
  static String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Validity grid, seed %d, 95%% intervals; closed forms over %d data"
        + " sets (band %.4f-%.4f), bootstrap over %d data sets with B = %d (band %.4f-%.4f)%n%n",
        SEED, CLOSED_FORM_DATASETS, nominalBand(CLOSED_FORM_DATASETS)[0],
        nominalBand(CLOSED_FORM_DATASETS)[1], BOOTSTRAP_DATASETS, REPLICATES,
        nominalBand(BOOTSTRAP_DATASETS)[0], nominalBand(BOOTSTRAP_DATASETS)[1]));
    out.append("| method | data |");
    for (int n : SIZES) {
      out.append(" n = ").append(String.format("%,d", n)).append(" |");
    }
    out.append(System.lineSeparator()).append("| --- | --- |");
    out.append(" --- |".repeat(SIZES.length)).append(System.lineSeparator());
    for (Method method : Method.values()) {
      for (Distribution distribution : Distribution.values()) {
        if (!distribution.methods().contains(method)) {
          continue;
        }
        out.append("| ").append(method.label).append(" | ").append(distribution.label)
            .append(" |");
        for (int n : SIZES) {
          double c = coverage.get(distribution).get(n).get(method);
          double[] band = nominalBand(method.datasets());
          String mark = c < band[0] ? " (low)" : c > band[1] ? " (high)" : "";
          out.append(String.format(" %.4f%s |", c, mark));
        }
        out.append(System.lineSeparator());
      }
    }
    return out.toString();
  }
}
