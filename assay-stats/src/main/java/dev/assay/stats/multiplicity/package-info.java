/** Multiplicity adjustment of p-values across several hypotheses (gate rules, metrics). */
package dev.assay.stats.multiplicity;
