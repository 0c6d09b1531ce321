package dev.assay.metrics.classification;

/** How per-class precision, recall and F1 are combined (scikit-learn's {@code average}). */
public enum Average {
  /** Only the positive class of a two-class task. */
  BINARY,
  /** Pooled true positives, false positives and false negatives over all classes. */
  MICRO,
  /** Unweighted mean over classes. */
  MACRO,
  /** Mean over classes weighted by support (true count). */
  WEIGHTED
}
