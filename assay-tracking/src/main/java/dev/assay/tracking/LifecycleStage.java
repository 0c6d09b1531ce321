package dev.assay.tracking;

/** Whether an experiment or run is active or (softly) deleted; JSON spells it in lower case. */
public enum LifecycleStage {
  ACTIVE("active"), DELETED("deleted");

  private final String wire;

  LifecycleStage(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The stage spelled {@code wire}; IllegalArgumentException for anything else. */
  public static LifecycleStage parse(String wire) {
    for (LifecycleStage s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown lifecycle stage " + wire);
  }
}
