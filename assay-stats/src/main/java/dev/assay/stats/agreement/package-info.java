/**
 * Agreement between raters: Cohen's κ for two raters (unweighted, linear and quadratic weights,
 * with the large-sample standard error of Fleiss, Cohen and Everitt 1969), Fleiss' κ for many
 * raters (Fleiss 1971) and Krippendorff's α for any number of raters with missing ratings.
 */
package dev.assay.stats.agreement;
