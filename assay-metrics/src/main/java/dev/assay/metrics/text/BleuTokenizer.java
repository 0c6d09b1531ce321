package dev.assay.metrics.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The sacreBLEU tokenizers: {@code none}, {@code 13a} (mteval-v13a, WMT's standard), {@code intl}
 * (mteval-v14 international) and {@code char}. Each maps a segment to a space-separated token
 * string, with no leading, trailing or repeated whitespace.
 */
public enum BleuTokenizer {
  /** Whitespace tokenisation only. */
  NONE("none") {
    @Override
    public String tokenize(String line) {
      return PyText.collapseSpaces(line);
    }
  },
  /** mteval-v13a: unescapes four XML entities, splits off ASCII symbols and non-numeric . , - */
  T13A("13a") {
    @Override
    public String tokenize(String line) {
      return Mteval13a.tokenize(line);
    }
  },
  /** mteval-v14 international: splits Unicode punctuation next to non-numbers, and all symbols. */
  INTL("intl") {
    @Override
    public String tokenize(String line) {
      String s = PUNCT_AFTER_NON_NUMBER.matcher(line).replaceAll("$1 $2 ");
      s = PUNCT_BEFORE_NON_NUMBER.matcher(s).replaceAll(" $1 $2");
      s = SYMBOL.matcher(s).replaceAll(" $1 ");
      return PyText.collapseSpaces(s);
    }
  },
  /** Every non-whitespace code point is a token. */
  CHAR("char") {
    @Override
    public String tokenize(String line) {
      StringBuilder out = new StringBuilder(line.length() * 2);
      line.codePoints().filter(cp -> !PyText.isSpace(cp)).forEach(cp -> {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.appendCodePoint(cp);
      });
      return out.toString();
    }
  };

  // java.util.regex general categories; agree with Python's unicodedata up to the Unicode version.
  private static final Pattern PUNCT_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
  private static final Pattern PUNCT_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
  private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

  private final String id;

  BleuTokenizer(String id) {
    this.id = id;
  }

  /** The sacreBLEU name of this tokenizer. */
  public String id() {
    return id;
  }

  /** The tokenized segment: tokens separated by single spaces. */
  public abstract String tokenize(String line);

  /** The tokenizer named {@code id} (sacreBLEU's names), or null. */
  static BleuTokenizer byId(String id) {
    for (BleuTokenizer t : values()) {
      if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }
}
