package dev.assay.monitor.drift;

import dev.assay.monitor.profile.ColumnType;

/** The effect size a column's drift is judged by, with its default threshold and why. */
public enum Effect {
  /**
   * W₁ over the reference's standard deviation; 0.1 (Evidently's default for large data): a tenth
   * of a standard deviation of probability mass moved.
   */
  WASSERSTEIN("wasserstein", ColumnType.NUMERIC, 0.1),
  /** Population stability index over the reference deciles; 0.2, between "moderate" and "significant". */
  PSI("psi", ColumnType.NUMERIC, 0.2),
  /** Jensen-Shannon distance (base 2) of label shares; 0.1 (Evidently's default). */
  JENSEN_SHANNON("jensen_shannon", ColumnType.CATEGORICAL, 0.1),
  /**
   * Squared MMD of the embedding samples; 0: with samples of 200 texts the test's own power is the
   * practical filter, and a positive threshold needs calibration on the user's texts.
   */
  MMD("mmd", ColumnType.TEXT, 0.0);

  private final String word;
  private final ColumnType type;
  private final double defaultThreshold;

  Effect(String word, ColumnType type, double defaultThreshold) {
    this.word = word;
    this.type = type;
    this.defaultThreshold = defaultThreshold;
  }

  public String word() {
    return word;
  }

  public ColumnType type() {
    return type;
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** The default effect of a column type. */
  public static Effect defaultFor(ColumnType type) {
    return switch (type) {
      case NUMERIC -> WASSERSTEIN;
      case CATEGORICAL -> JENSEN_SHANNON;
      case TEXT -> MMD;
    };
  }

  public static Effect of(String word) {
    for (Effect e : values()) {
      if (e.word.equals(word)) {
        return e;
      }
    }
    return null;
  }
}
