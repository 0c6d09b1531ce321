package dev.assay.core;

import java.util.Collection;
import java.util.Optional;

/** Suggests the closest known name for a misspelt one. */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The candidate nearest to {@code given} by edit distance, if it is close enough to be a typo:
   * at most 2 edits, or a third of the word's length for longer words.
   */
  public static Optional<String> suggest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.max(2, given.length() / 3);
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** The expectation text for messages: {@code did you mean 'x'?} or the list of known names. */
  public static String expected(String given, Collection<String> candidates) {
    Optional<String> s = suggest(given, candidates);
    String known = String.join(", ", new java.util.TreeSet<>(candidates));
    return s.map(x -> "did you mean '" + x + "'? known: " + known).orElse("known: " + known);
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
