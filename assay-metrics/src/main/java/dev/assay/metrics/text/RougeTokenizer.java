package dev.assay.metrics.text;

import java.util.ArrayList;
import java.util.List;

/**
 * rouge-score's default tokenizer: lowercase, every run of characters other than ASCII {@code
 * a-z0-9} separates tokens, and (optionally) tokens longer than three characters are Porter-stemmed.
 */
public final class RougeTokenizer {
  private final PorterStemmer stemmer;

  /** @param stem whether to apply the Porter stemmer */
  public RougeTokenizer(boolean stem) {
    this.stemmer = stem ? new PorterStemmer() : null;
  }

  /** The tokens of {@code text}; each matches {@code [a-z0-9]+}. */
  public List<String> tokenize(String text) {
    String lower = PyText.lower(text);
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = lower.length();
    while (i < n) {
      while (i < n && !isAlnum(lower.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && isAlnum(lower.charAt(i))) {
        i++;
      }
      if (i > start) {
        String token = lower.substring(start, i);
        tokens.add(stemmer != null && token.length() > 3 ? stemmer.stem(token) : token);
      }
    }
    // stemming never empties a word longer than three letters, but keep rouge-score's final filter
    tokens.removeIf(String::isEmpty);
    return tokens;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
