package dev.assay.core;

/** How many per-example results of a run succeeded and how many ended in an error. */
public record Counts(long ok, long error) {
  public static final Counts ZERO = new Counts(0, 0);

  public long total() {
    return ok + error;
  }
}
