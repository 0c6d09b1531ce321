/**
 * Pure statistics for paired evaluation: bootstrap intervals, hypothesis tests, proportion
 * intervals, multiplicity adjustment and power. No dependency on any other assay module.
 *
 * <p>Every random choice is made by a counter-based generator keyed by a seed, a replicate
 * number and a 64-bit hash of an example id ({@link dev.assay.stats.random.CounterRandom}),
 * so results do not depend on thread count or on the order in which examples are given.
 */
package dev.assay.stats;
