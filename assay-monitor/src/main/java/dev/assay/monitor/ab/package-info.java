/**
 * Online A/B readouts: sample-ratio mismatch, per-metric differences (Welch, delta method for
 * ratios, CUPED), guardrails with non-inferiority margins, Holm across metrics, always-valid
 * sequential monitoring, and the offline/online correlation of candidate versions.
 */
package dev.assay.monitor.ab;
