package dev.assay.metrics.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The first, deliberately plain implementation of the 13a tokenizer (regular expressions) and of
 * BLEU / chrF statistics (a {@code HashMap<String, Integer>} per n-gram order, one string per
 * n-gram), kept as a slow test oracle for the interned-id kernels in {@link Bleu} and {@link Chrf}.
 */
final class LegacyTextOracle {
  private static final Pattern ASCII_SYMBOL = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  private LegacyTextOracle() {}

  /** mteval-v13a with sacreBLEU's regular expressions. */
  static String tokenize13a(String line) {
    String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
    if (s.indexOf('&') >= 0) {
      s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
    s = " " + s + " ";
    s = ASCII_SYMBOL.matcher(s).replaceAll(" $1 ");
    s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
    s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
    s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
    return String.join(" ", PyText.split(s));
  }

  static Map<String, Integer> words(List<String> tokens, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return counts;
  }

  static Map<String, Integer> chars(int[] codePoints, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= codePoints.length; i++) {
      counts.merge(new String(codePoints, i, n), 1, Integer::sum);
    }
    return counts;
  }

  static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  static int overlap(Map<String, Integer> a, Map<String, Integer> b) {
    int m = 0;
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      m += Math.min(e.getValue(), b.getOrDefault(e.getKey(), 0));
    }
    return m;
  }

  /** BLEU statistics; {@code tokens} is the full preprocessing (lowercase, rstrip, tokenize, split). */
  static double[] bleu(java.util.function.Function<String, List<String>> tokens, int maxOrder, String hypothesis,
      List<String> references) {
    List<String> hyp = tokens.apply(hypothesis);
    Map<String, Integer> maxRefCounts = new HashMap<>();
    int hypLen = hyp.size();
    int closest = -1;
    for (String reference : references) {
      List<String> ref = tokens.apply(reference);
      int len = ref.size();
      if (closest < 0 || Math.abs(hypLen - len) < Math.abs(hypLen - closest)
          || (Math.abs(hypLen - len) == Math.abs(hypLen - closest) && len < closest)) {
        closest = len;
      }
      for (int n = 1; n <= maxOrder; n++) {
        words(ref, n).forEach((g, c) -> maxRefCounts.merge(g, c, Math::max));
      }
    }
    double[] stats = new double[2 + 2 * maxOrder];
    stats[0] = hypLen;
    stats[1] = closest;
    for (int n = 1; n <= maxOrder; n++) {
      stats[1 + n] = overlap(words(hyp, n), maxRefCounts);
      stats[1 + maxOrder + n] = Math.max(0, hypLen - n + 1);
    }
    return stats;
  }

  /** chrF statistics of the reference with the best sentence score (first on ties). */
  static double[] chrf(Chrf metric, int charOrder, int wordOrder, boolean removeWhitespace, boolean lowercase,
      String hypothesis, List<String> references) {
    List<Map<String, Integer>> hyp = ngrams(hypothesis, charOrder, wordOrder, removeWhitespace, lowercase);
    double[] best = null;
    double bestScore = -1;
    for (String reference : references) {
      List<Map<String, Integer>> ref = ngrams(reference, charOrder, wordOrder, removeWhitespace, lowercase);
      double[] stats = new double[3 * hyp.size()];
      for (int i = 0; i < hyp.size(); i++) {
        stats[3 * i] = total(hyp.get(i));
        stats[3 * i + 1] = total(ref.get(i));
        stats[3 * i + 2] = overlap(hyp.get(i), ref.get(i));
      }
      double f = metric.score(stats);
      if (f > bestScore) {
        bestScore = f;
        best = stats;
      }
    }
    return best;
  }

  private static List<Map<String, Integer>> ngrams(String segment, int charOrder, int wordOrder,
      boolean removeWhitespace, boolean lowercase) {
    String s = lowercase ? PyText.lower(segment) : segment;
    // Code points per token, then concatenated: joining the strings first would fuse a lone high
    // surrogate ending one token with a lone low surrogate starting the next, which Python's
    // ''.join(s.split()) never does (its strings are code point sequences).
    int[] cps = removeWhitespace
        ? PyText.split(s).stream().flatMapToInt(String::codePoints).toArray()
        : s.codePoints().toArray();
    List<Map<String, Integer>> out = new ArrayList<>();
    for (int n = 1; n <= charOrder; n++) {
      out.add(chars(cps, n));
    }
    List<String> words = Chrf.splitPunctuation(s);
    for (int n = 1; n <= wordOrder; n++) {
      out.add(words(words, n));
    }
    return out;
  }
}
