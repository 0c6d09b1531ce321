package dev.assay.tracking;

/** Which lifecycle stages a search returns: MLflow's {@code ViewType}, with its protobuf numbers. */
public enum ViewType {
  ACTIVE_ONLY(1), DELETED_ONLY(2), ALL(3);

  private final int number;

  ViewType(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** Whether an item in {@code stage} is shown. */
  public boolean shows(LifecycleStage stage) {
    return this == ALL || (this == ACTIVE_ONLY) == (stage == LifecycleStage.ACTIVE);
  }
}
