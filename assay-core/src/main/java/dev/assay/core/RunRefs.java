package dev.assay.core;

import java.util.List;

/**
 * Finds a stored run from what a user typed: its full id or a unique prefix of it (run ids are
 * long; the first 8 characters usually suffice).
 */
public final class RunRefs {
  /** Prefixes shorter than this are refused: they would match by accident. */
  public static final int MIN_PREFIX = 4;

  private RunRefs() {}

  /**
   * The run whose id is {@code ref}, or whose id starts with {@code ref} when exactly one does.
   *
   * @throws InputException when no run matches, or several do (listing them)
   */
  public static RunRecord resolve(Store store, String ref) {
    var exact = store.run(ref);
    if (exact.isPresent()) {
      return exact.get();
    }
    if (ref.length() >= MIN_PREFIX) {
      List<RunRecord> matches = store.runs().stream().filter(r -> r.runId().startsWith(ref)).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        StringBuilder listed = new StringBuilder();
        for (RunRecord r : matches.subList(0, Math.min(5, matches.size()))) {
          listed.append(listed.length() == 0 ? "" : ", ").append(r.runId()).append(" (").append(r.systemName())
              .append(')');
        }
        throw InputException.of("run id prefix '" + ref + "' matches " + matches.size() + " runs: " + listed
            + (matches.size() > 5 ? ", ..." : ""), "more characters of the run id");
      }
    }
    throw InputException.of("unknown run id '" + ref + "'", "an id from 'assay runs list', or a unique prefix of "
        + "at least " + MIN_PREFIX + " characters");
  }

  /** Whether {@code ref} names exactly one stored run (as {@link #resolve} would). */
  public static boolean exists(Store store, String ref) {
    try {
      resolve(store, ref);
      return true;
    } catch (InputException e) {
      return false;
    }
  }
}
