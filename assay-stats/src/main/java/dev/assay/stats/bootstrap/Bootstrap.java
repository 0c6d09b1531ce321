package dev.assay.stats.bootstrap;

import dev.assay.stats.random.ReplicateRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bootstrap: resamples examples (or clusters) with Poisson(1) weights and recomputes a
 * statistic per replicate.
 *
 * <p>Weights: each resampling unit gets an independent Poisson(1) count drawn from a counter-based
 * generator keyed by (seed, sample, replicate, hash of the unit's id or cluster key). Poisson(1)
 * rather than multinomial weights because a multinomial count of one example depends on all the
 * others, so no multinomial scheme can make an example's weight a function of its own id alone;
 * Poisson weights can, which makes results independent of input order, thread count and
 * partitioning. The Poisson bootstrap is asymptotically equivalent to the multinomial bootstrap
 * (Hanley and MacGibbon 2006; Chamandy et al. 2012); its resample size varies (mean n, sd √n),
 * which matters only for very small n. Resamples with no units are redrawn.
 *
 * <p>A paired mean difference over at least 10,000 unclustered examples whose differences take few
 * distinct values (16 or more examples per value) draws one Poisson(nᵥ) count per distinct
 * difference v instead of nᵥ Poisson(1) weights ({@link ValueCountReplicates}): the same
 * distribution of replicates, at the cost of the number of values rather than of examples.
 *
 * <p>Paired comparisons use one sample whose records (or vectors) hold both the baseline and the
 * candidate value of an example: one weight per example resamples both sides jointly. Unpaired
 * comparisons use two samples drawn on independent streams.
 *
 * <p>Instances are immutable and thread-safe. Defaults: B = 10,000 replicates, seed 0, one thread
 * per available processor (the thread count never changes results).
 */
public final class Bootstrap {

  public static final int DEFAULT_REPLICATES = 10_000;
  public static final long DEFAULT_SEED = 0;

  private final int replicates;
  private final long seed;
  private final int threads;

  private Bootstrap(int replicates, long seed, int threads) {
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.replicates = replicates;
    this.seed = seed;
    this.threads = threads;
  }

  /** B = 10,000, seed 0, all available processors. */
  public static Bootstrap defaults() {
    return new Bootstrap(DEFAULT_REPLICATES, DEFAULT_SEED,
        Runtime.getRuntime().availableProcessors());
  }

  public Bootstrap withReplicates(int count) {
    return new Bootstrap(count, seed, threads);
  }

  public Bootstrap withSeed(long newSeed) {
    return new Bootstrap(replicates, newSeed, threads);
  }

  public Bootstrap withThreads(int count) {
    return new Bootstrap(replicates, seed, count);
  }

  public int replicates() {
    return replicates;
  }

  public long seed() {
    return seed;
  }

  /** Bootstrap of any statistic of one sample of records (paired when records hold both sides). */
  public <R> BootstrapDistribution of(KeyedRecords<R> sample, RecordStatistic<R> statistic) {
    List<R> records = sample.records();
    return run(ResamplingUnits.of(List.of(sample)), w -> statistic.value(records, w));
  }

  /**
   * Bootstrap of a corpus-level statistic recomputed from weighted sums of per-example
   * sufficient-statistic vectors (records of {@code sample}).
   */
  public BootstrapDistribution ofCorpus(KeyedRecords<double[]> sample, CorpusStatistic statistic) {
    CorpusSums sums = new CorpusSums(List.of(sample), statistic.dimension(),
        groups -> statistic.value(groups[0]));
    return run(ResamplingUnits.of(List.of(sample)), sums);
  }

  /**
   * Unpaired bootstrap: baseline and candidate are resampled independently (separate streams).
   */
  public <R> BootstrapDistribution unpaired(KeyedRecords<R> baseline, KeyedRecords<R> candidate,
      TwoSampleStatistic<R> statistic) {
    int nb = baseline.size();
    int nc = candidate.size();
    List<R> b = baseline.records();
    List<R> c = candidate.records();
    WeightedStatistic bound = w -> statistic.value(
        b, Arrays.copyOfRange(w, 0, nb), c, Arrays.copyOfRange(w, nb, nb + nc));
    return run(ResamplingUnits.of(List.of(baseline, candidate)), bound);
  }

  /**
   * Unpaired bootstrap of {@code statistic(candidate corpus) - statistic(baseline corpus)}.
   */
  public BootstrapDistribution unpairedCorpus(KeyedRecords<double[]> baseline,
      KeyedRecords<double[]> candidate, CorpusStatistic statistic) {
    CorpusSums sums = new CorpusSums(List.of(baseline, candidate), statistic.dimension(),
        groups -> statistic.value(groups[1]) - statistic.value(groups[0]));
    return run(ResamplingUnits.of(List.of(baseline, candidate)), sums);
  }

  /**
   * Paired bootstrap of the mean difference {@code mean(candidate) - mean(baseline)}.
   *
   * @param clusterKeys one cluster key per example, or null for an unclustered bootstrap
   */
  public BootstrapDistribution pairedMeanDifference(List<String> ids, double[] baseline,
      double[] candidate, List<String> clusterKeys) {
    if (baseline.length != ids.size() || candidate.length != ids.size()) {
      throw new IllegalArgumentException("ids, baseline and candidate differ in length: "
          + ids.size() + ", " + baseline.length + ", " + candidate.length);
    }
    if (clusterKeys == null) {
      ValueCountReplicates byValue = ValueCountReplicates.of(baseline, candidate, seed);
      if (byValue != null) {
        KeyedRecords.requireDistinctIds(ids);
        return byValue(byValue);
      }
    }
    return perExampleMeanDifference(ids, baseline, candidate, clusterKeys);
  }

  /** {@link #pairedMeanDifference} with one Poisson(1) weight per resampling unit. */
  private BootstrapDistribution perExampleMeanDifference(List<String> ids, double[] baseline, double[] candidate,
      List<String> clusterKeys) {
    // The same corpus statistic over vectors (baseline, 1, candidate, 1) as ofCorpus, with the
    // vectors built by column in canonical order: at a million examples a double[4] per example
    // is 48 MB of short-lived objects that the garbage collector copies while they are live.
    KeyedRecords<Integer> sample = KeyedRecords.positions(ids, clusterKeys);
    List<Integer> position = sample.records();
    int n = sample.size();
    double[] b = new double[n];
    double[] c = new double[n];
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    for (int i = 0; i < n; i++) {
      int p = position.get(i);
      b[i] = baseline[p];
      c[i] = candidate[p];
    }
    CorpusStatistic statistic = CorpusStatistic.pairedDifference(CorpusStatistic.ratioOfSums());
    CorpusSums sums = new CorpusSums(new double[][] {b, ones, c, ones},
        groups -> statistic.value(groups[0]));
    return run(ResamplingUnits.of(List.of(sample)), sums);
  }

  /**
   * The replicates of a paired mean difference drawn per distinct difference ({@link
   * ValueCountReplicates}), with the jackknife acceleration computed per value: no per-example
   * work, and no canonical order of the ids.
   */
  private BootstrapDistribution byValue(ValueCountReplicates kernel) {
    double[] values = new double[replicates];
    new ReplicateRunner(threads).run(replicates, (from, to) -> kernel.compute(from, to, values));
    return new BootstrapDistribution(kernel.estimate(), values, kernel::acceleration);
  }

  /**
   * Paired bootstraps of several mean differences over the same examples (the metrics of one
   * comparison), from one draw of the weights: element k is, bit for bit, {@link
   * #pairedMeanDifference}{@code (ids, baselines.get(k), candidates.get(k), null)}. The weights of
   * a replicate depend only on the seed, the replicate and the examples' ids, so every metric
   * would draw the same weights anyway; drawing them once and summing every metric's columns
   * against them saves all but one draw of 10⁹ Poisson variates per metric at 100,000 examples and
   * B = 10,000.
   *
   * @param baselines per metric, one value per id (finite)
   * @param candidates per metric, one value per id (finite)
   */
  public List<BootstrapDistribution> pairedMeanDifferences(List<String> ids, List<double[]> baselines,
      List<double[]> candidates) {
    int metrics = baselines.size();
    if (candidates.size() != metrics) {
      throw new IllegalArgumentException("baselines and candidates differ in number: " + metrics + ", "
          + candidates.size());
    }
    // Metrics whose differences take few distinct values draw per value, each on its own (it costs
    // the number of values, not of examples); the others share one per-example draw.
    List<Integer> perExample = new ArrayList<>();
    ValueCountReplicates[] byValue = new ValueCountReplicates[metrics];
    for (int k = 0; k < metrics; k++) {
      if (baselines.get(k).length != ids.size() || candidates.get(k).length != ids.size()) {
        throw new IllegalArgumentException("ids, baseline and candidate " + k + " differ in length: "
            + ids.size() + ", " + baselines.get(k).length + ", " + candidates.get(k).length);
      }
      byValue[k] = ValueCountReplicates.of(baselines.get(k), candidates.get(k), seed);
      if (byValue[k] == null) {
        perExample.add(k);
      }
    }
    if (perExample.size() == metrics) {
      return perExampleMeanDifferences(ids, baselines, candidates);
    }
    KeyedRecords.requireDistinctIds(ids);
    List<BootstrapDistribution> shared = perExample.isEmpty() ? List.of() : perExampleMeanDifferences(ids,
        perExample.stream().map(baselines::get).toList(), perExample.stream().map(candidates::get).toList());
    List<BootstrapDistribution> out = new ArrayList<>(metrics);
    for (int k = 0; k < metrics; k++) {
      out.add(byValue[k] != null ? byValue(byValue[k]) : shared.get(perExample.indexOf(k)));
    }
    return out;
  }

  /** {@link #pairedMeanDifferences} of metrics that all draw one weight per example, from one draw. */
  private List<BootstrapDistribution> perExampleMeanDifferences(List<String> ids, List<double[]> baselines,
      List<double[]> candidates) {
    int metrics = baselines.size();
    if (metrics == 1) {
      return List.of(perExampleMeanDifference(ids, baselines.get(0), candidates.get(0), null));
    }
    KeyedRecords<Integer> sample = KeyedRecords.positions(ids, null);
    List<Integer> position = sample.records();
    int n = sample.size();
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    CorpusStatistic statistic = CorpusStatistic.pairedDifference(CorpusStatistic.ratioOfSums());
    CorpusSums[] each = new CorpusSums[metrics];
    double[][] joint = new double[4 * metrics][];
    CorpusSums.Combiner[] combiners = new CorpusSums.Combiner[metrics];
    double[] estimates = new double[metrics];
    for (int k = 0; k < metrics; k++) {
      double[] baseline = baselines.get(k);
      double[] candidate = candidates.get(k);
      if (baseline.length != ids.size() || candidate.length != ids.size()) {
        throw new IllegalArgumentException("ids, baseline and candidate " + k + " differ in length: "
            + ids.size() + ", " + baseline.length + ", " + candidate.length);
      }
      double[] b = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        int p = position.get(i);
        b[i] = baseline[p];
        c[i] = candidate[p];
      }
      // The columns and statistic of pairedMeanDifference, so estimate, replicates and jackknife agree.
      each[k] = new CorpusSums(new double[][] {b, ones, c, ones}, groups -> statistic.value(groups[0]));
      System.arraycopy(each[k].columns(), 0, joint, 4 * k, 4);
      int at = 4 * k;
      combiners[k] = groups -> statistic.value(Arrays.copyOfRange(groups[0], at, at + 4));
      estimates[k] = each[k].value(ones);
      if (Double.isNaN(estimates[k])) {
        throw new IllegalArgumentException("the statistic is NaN on the observed data");
      }
    }
    ResamplingUnits units = ResamplingUnits.of(List.of(sample));
    FusedCorpusReplicates kernel = new FusedCorpusReplicates(new CorpusSums(joint, groups -> Double.NaN), units, seed);
    ReplicateWeights weights = new ReplicateWeights(units, seed);
    double[][] values = new double[metrics][replicates];
    new ReplicateRunner(threads).run(replicates, (from, to) -> {
      kernel.computeEach(from, to, combiners, values, (k, r) -> {
        double[] exampleWeights = new double[units.exampleCount];
        weights.fill(r, exampleWeights, exampleWeights);
        return each[k].value(exampleWeights);
      });
      for (double[] v : values) {
        for (int r = from; r < to; r++) {
          checkDefined(v[r], r);
        }
      }
    });
    List<BootstrapDistribution> out = new ArrayList<>(metrics);
    for (int k = 0; k < metrics; k++) {
      CorpusSums sums = each[k];
      out.add(new BootstrapDistribution(estimates[k], values[k],
          () -> JackknifeAcceleration.of(sums.leaveOneUnitOut(units), units)));
    }
    return out;
  }

  private BootstrapDistribution run(ResamplingUnits units, WeightedStatistic statistic) {
    double[] ones = new double[units.exampleCount];
    Arrays.fill(ones, 1.0);
    double estimate = statistic.value(ones);
    if (Double.isNaN(estimate)) {
      throw new IllegalArgumentException("the statistic is NaN on the observed data");
    }
    double[] values = new double[replicates];
    ReplicateWeights weights = new ReplicateWeights(units, seed);
    ReplicateRunner runner = new ReplicateRunner(threads);
    if (statistic instanceof CorpusSums sums && units.isIdentity()) {
      // Same values as the generic loop below, bit for bit, several times faster; large 0/1
      // data sets (accuracy and other pass rates) take the packed kernel, 1.4-1.6 times faster.
      FusedCorpusReplicates.Kernel kernel =
          IndicatorReplicates.applies(sums, units) && IndicatorReplicates.pays(units)
          ? new IndicatorReplicates(sums, units, seed)::compute
          : new FusedCorpusReplicates(sums, units, seed)::compute;
      runner.run(replicates, (from, to) -> {
        kernel.compute(from, to, values, r -> {
          // Redrawn replicates are rare (probability e^-n each), so their scratch is not kept.
          double[] exampleWeights = new double[units.exampleCount];
          weights.fill(r, exampleWeights, exampleWeights);
          return statistic.value(exampleWeights);
        });
        for (int r = from; r < to; r++) {
          checkDefined(values[r], r);
        }
      });
    } else {
      runner.run(replicates, (from, to) -> {
        double[] exampleWeights = new double[units.exampleCount];
        // Unclustered: unit u is example u, so unit weights are the example weights.
        double[] unitWeights = units.isIdentity() ? exampleWeights : new double[units.unitCount()];
        for (int r = from; r < to; r++) {
          weights.fill(r, unitWeights, exampleWeights);
          values[r] = checkDefined(statistic.value(exampleWeights), r);
        }
      });
    }
    return new BootstrapDistribution(estimate, values,
        () -> JackknifeAcceleration.of(statistic.leaveOneUnitOut(units), units));
  }

  private double checkDefined(double value, int replicate) {
    if (Double.isNaN(value)) {
      throw new IllegalStateException("the statistic is NaN in bootstrap replicate " + replicate
          + " (seed " + seed + "); it must be defined on every non-empty resample");
    }
    return value;
  }
}
