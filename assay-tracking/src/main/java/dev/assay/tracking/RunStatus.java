package dev.assay.tracking;

/** MLflow's {@code RunStatus}, with its protobuf numbers (JSON carries the names, or the numbers). */
public enum RunStatus {
  RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

  private final int number;

  RunStatus(int number) {
    this.number = number;
  }

  /** The protobuf enum number. */
  public int number() {
    return number;
  }
}
