package dev.assay.stats.interval;

/** Argument checks shared by the proportion intervals. */
final class Counts {

  private Counts() {}

  static void checkSuccesses(long successes, long trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "successes must be in [0, " + trials + "], got " + successes);
    }
  }
}
