package dev.assay.gate;

/** How a verdict relates to the plans of its store. */
public enum PlanStatus {
  /** A plan froze this gate and this dataset before the runs started. */
  PRE_REGISTERED,
  /** A plan for this dataset exists, but the gate differs from it or the plan came after the runs. */
  POST_HOC,
  /** No plan names this dataset. */
  NO_PLAN;

  /** The JSON and report spelling: {@code pre_registered}, {@code post_hoc}, {@code no_plan}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The text spelling: {@code pre-registered}, {@code post hoc}, {@code no plan}. */
  public String label() {
    return switch (this) {
      case PRE_REGISTERED -> "pre-registered";
      case POST_HOC -> "post hoc";
      case NO_PLAN -> "no plan";
    };
  }
}
