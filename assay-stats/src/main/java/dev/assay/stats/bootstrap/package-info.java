/**
 * Bootstrap confidence intervals (percentile and BCa) with Poisson(1) weights drawn by a
 * counter-based generator keyed by (seed, replicate, example or cluster id).
 *
 * <p>Entry point: {@link dev.assay.stats.bootstrap.Bootstrap}. Data: {@link
 * dev.assay.stats.bootstrap.KeyedRecords}. Statistics: {@link
 * dev.assay.stats.bootstrap.RecordStatistic} (any statistic of weighted per-example records),
 * {@link dev.assay.stats.bootstrap.CorpusStatistic} (a function of weighted sums of per-example
 * sufficient-statistic vectors, e.g. BLEU, chrF, micro-F1) and {@link
 * dev.assay.stats.bootstrap.TwoSampleStatistic} (unpaired comparisons).
 */
package dev.assay.stats.bootstrap;
