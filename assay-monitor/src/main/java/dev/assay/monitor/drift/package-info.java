/**
 * Drift checks: a current profile against a reference profile, one test per column chosen by its
 * type, Benjamini-Hochberg across every hypothesis, and an effect-size threshold per column, so a
 * column drifts only when the change is both statistically and practically significant.
 */
package dev.assay.monitor.drift;
