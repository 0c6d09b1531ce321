package dev.assay.metrics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer comparison of the official SQuAD v1.1 evaluation script.
 *
 * <p>Normalisation, in the script's order: lowercase; delete every ASCII punctuation character
 * ({@code string.punctuation}); replace the whole words {@code a}, {@code an}, {@code the} by a
 * space (word boundaries as Python's Unicode {@code \b}); collapse whitespace as {@code
 * str.split()} does.
 */
public final class SquadText {
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  /** In the regex's alternation order. */
  private static final String[] ARTICLES = {"a", "an", "the"};

  private SquadText() {}

  /** The normalised answer. Idempotent: {@code normalize(normalize(s)).equals(normalize(s))}. */
  public static String normalize(String s) {
    String lower = PyText.lower(s);
    StringBuilder noPunct = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        noPunct.append(c);
      }
    }
    return PyText.collapseSpaces(removeArticles(noPunct.toString()));
  }

  /** {@code re.sub(r'\b(a|an|the)\b', ' ', s)}, with Python's Unicode word characters. */
  static String removeArticles(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      int len = articleAt(s, i);
      if (len > 0) {
        out.append(' ');
        i += len;
      } else {
        out.append(s.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  /** Length of the article starting a whole word at {@code i}, or 0. Tries a, an, the in regex order. */
  private static int articleAt(String s, int i) {
    if (i > 0 && PyText.isWordChar(s.codePointBefore(i))) {
      return 0;
    }
    for (String article : ARTICLES) {
      int end = i + article.length();
      if (s.startsWith(article, i) && (end == s.length() || !PyText.isWordChar(s.codePointAt(end)))) {
        return article.length();
      }
    }
    return 0;
  }

  /** 1 when the normalised texts are equal, else 0. */
  public static double exactMatch(String prediction, String reference) {
    return normalize(prediction).equals(normalize(reference)) ? 1.0 : 0.0;
  }

  /**
   * Token F1 over the multisets of normalised tokens; 0 when no token is shared (including when
   * either side has no token, as in SQuAD v1.1).
   */
  public static double f1(String prediction, String reference) {
    List<String> pred = PyText.split(normalize(prediction));
    List<String> ref = PyText.split(normalize(reference));
    Map<String, Integer> refCounts = new HashMap<>();
    ref.forEach(t -> refCounts.merge(t, 1, Integer::sum));
    int same = 0;
    for (String t : pred) {
      Integer c = refCounts.get(t);
      if (c != null && c > 0) {
        same++;
        refCounts.put(t, c - 1);
      }
    }
    if (same == 0) {
      return 0.0;
    }
    double precision = (double) same / pred.size();
    double recall = (double) same / ref.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** 1 when the raw strings are equal, else 0. */
  public static double strictMatch(String prediction, String reference) {
    return prediction.equals(reference) ? 1.0 : 0.0;
  }

  /**
   * 1 when the output contains the reference after lowercasing and collapsing whitespace in both,
   * else 0. An empty reference is contained in every output.
   */
  public static double contains(String output, String reference) {
    return PyText.collapseSpaces(PyText.lower(output)).contains(PyText.collapseSpaces(PyText.lower(reference)))
        ? 1.0 : 0.0;
  }
}
