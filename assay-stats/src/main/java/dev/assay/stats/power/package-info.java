/**
 * Power, minimum detectable effect and sample size for paired comparisons: a paired mean
 * difference and paired proportions (McNemar).
 */
package dev.assay.stats.power;
