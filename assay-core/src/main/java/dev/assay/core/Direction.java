package dev.assay.core;

/** Whether larger or smaller values of a metric are better. */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER;

  public boolean higherIsBetter() {
    return this == HIGHER_IS_BETTER;
  }

  /** {@code "higher"} or {@code "lower"}, as shown in reports. */
  public String wire() {
    return this == HIGHER_IS_BETTER ? "higher" : "lower";
  }

  /**
   * The improvement of the candidate over the baseline for a difference {@code candidate -
   * baseline}: the difference itself when higher is better, its negation otherwise.
   */
  public double improvement(double difference) {
    return this == HIGHER_IS_BETTER ? difference : -difference;
  }
}
