/**
 * Paired comparisons of two runs and ship gates: pairing by example id, per-metric comparisons
 * with intervals and tests (from assay-stats), gate rules, multiplicity control and verdicts
 * (PASS, FAIL, INCONCLUSIVE), and the text, JSON, JUnit XML and Markdown forms of a verdict.
 */
package dev.assay.gate;
