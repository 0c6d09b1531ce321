/** Paired hypothesis tests: permutation (sign-flip), McNemar, Wilcoxon signed-rank, paired t. */
package dev.assay.stats.hypothesis;
