package dev.assay.metrics.classification;

/**
 * Precision, recall and F1 of one class (a row of scikit-learn's {@code classification_report}).
 *
 * @param label the class
 * @param precision tp / (tp + fp), 0 when nothing was predicted as the class
 * @param recall tp / (tp + fn), 0 when the class never occurs
 * @param f1 2 tp / (2 tp + fp + fn), 0 when both are empty
 * @param support weight of examples whose true label is the class
 */
public record ClassScores(String label, double precision, double recall, double f1, double support) {}
