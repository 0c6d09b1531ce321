/** Confidence intervals for a proportion and for a paired difference of proportions. */
package dev.assay.stats.interval;
