package dev.assay.metrics.text;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter (1980) suffix-stripping stemmer in the variant rouge-score uses: NLTK's default mode,
 * which is the published algorithm plus Martin Porter's own later departures and a few NLTK ones.
 *
 * <p>Departures from the 1980 paper: a table of irregular forms ({@code skies -> sky}, {@code dying
 * -> die}, ...); words of one or two letters are returned unchanged; {@code ies} and {@code ied}
 * on four-letter words become {@code ie} (ties, died) and otherwise {@code i}; step 1c turns
 * {@code y} into {@code i} only after a consonant that is not the first letter; {@code *o} also
 * holds for a two-letter vowel-consonant stem; step 2 handles {@code alli} first (re-running step
 * 2 on the result), uses {@code bli -> ble} instead of {@code abli -> able}, and adds {@code fulli
 * -> ful} and {@code logi -> log} (the {@code l} counted with the stem).
 *
 * <p>Input is a lowercase ASCII word; the stemmer is stateless and thread-safe.
 */
public final class PorterStemmer {
  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("sky", "sky"), Map.entry("skies", "sky"), Map.entry("dying", "die"),
      Map.entry("lying", "lie"), Map.entry("tying", "tie"), Map.entry("news", "news"),
      Map.entry("innings", "inning"), Map.entry("inning", "inning"), Map.entry("outings", "outing"),
      Map.entry("outing", "outing"), Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
      Map.entry("howe", "howe"), Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"),
      Map.entry("succeed", "succeed"));

  /** One rule: if the word ends with {@code suffix}, the rule fires and ends its step. */
  private record Rule(String suffix, String replacement, Predicate<String> condition) {}

  private final Rule[] step2;
  private final Rule[] step3;
  private final Rule[] step4;

  public PorterStemmer() {
    Predicate<String> m0 = s -> measure(s) > 0;
    Predicate<String> m1 = s -> measure(s) > 1;
    step2 = new Rule[] {
        new Rule("ational", "ate", m0), new Rule("tional", "tion", m0), new Rule("enci", "ence", m0),
        new Rule("anci", "ance", m0), new Rule("izer", "ize", m0), new Rule("bli", "ble", m0),
        new Rule("alli", "al", m0), new Rule("entli", "ent", m0), new Rule("eli", "e", m0),
        new Rule("ousli", "ous", m0), new Rule("ization", "ize", m0), new Rule("ation", "ate", m0),
        new Rule("ator", "ate", m0), new Rule("alism", "al", m0), new Rule("iveness", "ive", m0),
        new Rule("fulness", "ful", m0), new Rule("ousness", "ous", m0), new Rule("aliti", "al", m0),
        new Rule("iviti", "ive", m0), new Rule("biliti", "ble", m0), new Rule("fulli", "ful", m0),
        // the stem keeps the 'l' when measured, so geo-logi and theo-logi qualify
        new Rule("logi", "log", s -> measure(s + "l") > 0),
    };
    step3 = new Rule[] {
        new Rule("icate", "ic", m0), new Rule("ative", "", m0), new Rule("alize", "al", m0),
        new Rule("iciti", "ic", m0), new Rule("ical", "ic", m0), new Rule("ful", "", m0),
        new Rule("ness", "", m0),
    };
    step4 = new Rule[] {
        new Rule("al", "", m1), new Rule("ance", "", m1), new Rule("ence", "", m1), new Rule("er", "", m1),
        new Rule("ic", "", m1), new Rule("able", "", m1), new Rule("ible", "", m1), new Rule("ant", "", m1),
        new Rule("ement", "", m1), new Rule("ment", "", m1), new Rule("ent", "", m1),
        new Rule("ion", "", s -> measure(s) > 1 && (s.endsWith("s") || s.endsWith("t"))),
        new Rule("ou", "", m1), new Rule("ism", "", m1), new Rule("ate", "", m1), new Rule("iti", "", m1),
        new Rule("ous", "", m1), new Rule("ive", "", m1), new Rule("ize", "", m1),
    };
  }

  /** The stem of a lowercase word. */
  public String stem(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() <= 2) {
      return word;
    }
    String w = step1a(word);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = apply(w, step3);
    w = apply(w, step4);
    w = step5a(w);
    return step5b(w);
  }

  /**
   * The first rule whose suffix matches decides: it replaces the suffix when its condition holds
   * on the remaining stem, and otherwise leaves the word as it is (later rules are not tried).
   */
  private static String apply(String word, Rule[] rules) {
    for (Rule r : rules) {
      if (word.endsWith(r.suffix)) {
        String stem = word.substring(0, word.length() - r.suffix.length());
        return r.condition.test(stem) ? stem + r.replacement : word;
      }
    }
    return word;
  }

  private static String step1a(String w) {
    if (w.endsWith("ies") && w.length() == 4) {
      return w.substring(0, 1) + "ie";
    }
    if (w.endsWith("sses")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("ies")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("ss")) {
      return w;
    }
    if (w.endsWith("s")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static String step1b(String w) {
    if (w.endsWith("ied")) {
      return w.substring(0, w.length() - 3) + (w.length() == 4 ? "ie" : "i");
    }
    if (w.endsWith("eed")) {
      String stem = w.substring(0, w.length() - 3);
      return measure(stem) > 0 ? stem + "ee" : w;
    }
    String stem = null;
    if (w.endsWith("ed") && containsVowel(w.substring(0, w.length() - 2))) {
      stem = w.substring(0, w.length() - 2);
    } else if (w.endsWith("ing") && containsVowel(w.substring(0, w.length() - 3))) {
      stem = w.substring(0, w.length() - 3);
    }
    if (stem == null) {
      return w;
    }
    // tidy-up after removing -ed / -ing: restore an 'e' or undouble a final consonant
    if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
      return stem + "e";
    }
    if (endsDoubleConsonant(stem)) {
      char last = stem.charAt(stem.length() - 1);
      return last == 'l' || last == 's' || last == 'z' ? stem : stem.substring(0, stem.length() - 1);
    }
    if (measure(stem) == 1 && endsCvc(stem)) {
      return stem + "e";
    }
    return stem;
  }

  private static String step1c(String w) {
    if (w.endsWith("y")) {
      String stem = w.substring(0, w.length() - 1);
      if (stem.length() > 1 && isConsonant(stem, stem.length() - 1)) {
        return stem + "i";
      }
    }
    return w;
  }

  private String step2(String w) {
    if (w.endsWith("alli")) {
      String stem = w.substring(0, w.length() - 4);
      if (measure(stem) > 0) {
        return step2(stem + "al");
      }
    }
    return apply(w, step2);
  }

  private static String step5a(String w) {
    if (w.endsWith("e")) {
      String stem = w.substring(0, w.length() - 1);
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return w;
  }

  private static String step5b(String w) {
    if (w.endsWith("ll") && measure(w.substring(0, w.length() - 1)) > 1) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Whether letter {@code i} is a consonant: not a vowel, and 'y' only when after a vowel or first. */
  static boolean isConsonant(String w, int i) {
    char c = w.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(w, i - 1);
    }
    return true;
  }

  /** Porter's m: the number of vowel-run-then-consonant-run pairs, [C](VC)^m[V]. */
  static int measure(String w) {
    int m = 0;
    boolean previousVowel = false;
    for (int i = 0; i < w.length(); i++) {
      boolean consonant = isConsonant(w, i);
      if (consonant && previousVowel) {
        m++;
      }
      previousVowel = !consonant;
    }
    return m;
  }

  private static boolean containsVowel(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!isConsonant(w, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String w) {
    int n = w.length();
    return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
  }

  /** Porter's *o: consonant-vowel-consonant with the last not w, x or y; or a vowel-consonant pair. */
  private static boolean endsCvc(String w) {
    int n = w.length();
    if (n >= 3) {
      char last = w.charAt(n - 1);
      return isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
          && last != 'w' && last != 'x' && last != 'y';
    }
    return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1);
  }
}
