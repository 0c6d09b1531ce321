package dev.assay.metrics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** N-gram multisets and their clipped overlap, shared by BLEU, chrF and ROUGE-N. */
final class Ngrams {
  private Ngrams() {}

  /** Counts of the {@code n}-grams of {@code tokens} (keys join tokens with a space; tokens hold none). */
  static Map<String, Integer> words(List<String> tokens, int n) {
    Map<String, Integer> counts = new HashMap<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i + n <= tokens.size(); i++) {
      key.setLength(0);
      for (int j = i; j < i + n; j++) {
        if (j > i) {
          key.append(' ');
        }
        key.append(tokens.get(j));
      }
      counts.merge(key.toString(), 1, Integer::sum);
    }
    return counts;
  }

  /** Counts of the character {@code n}-grams of a code point sequence. */
  static Map<String, Integer> chars(int[] codePoints, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= codePoints.length; i++) {
      counts.merge(new String(codePoints, i, n), 1, Integer::sum);
    }
    return counts;
  }

  /** Total count of a multiset. */
  static int total(Map<String, Integer> counts) {
    int t = 0;
    for (int c : counts.values()) {
      t += c;
    }
    return t;
  }

  /** Size of the multiset intersection: the sum over keys of the smaller count. */
  static int overlap(Map<String, Integer> a, Map<String, Integer> b) {
    Map<String, Integer> small = a.size() <= b.size() ? a : b;
    Map<String, Integer> large = small == a ? b : a;
    int m = 0;
    for (Map.Entry<String, Integer> e : small.entrySet()) {
      Integer other = large.get(e.getKey());
      if (other != null) {
        m += Math.min(e.getValue(), other);
      }
    }
    return m;
  }
}
