package dev.assay.metrics.retrieval;

/**
 * Ordering of document and topic ids as trec_eval orders them: C {@code strcmp} on UTF-8 bytes.
 *
 * <p>Byte order of UTF-8 equals Unicode code point order, which differs from {@link
 * String#compareTo} (UTF-16 unit order) only for supplementary characters against characters in
 * U+E000..U+FFFF; this comparison corrects that case so ids sort exactly as trec_eval sorts them.
 */
final class DocIds {
  private DocIds() {}

  /** Negative, zero or positive as {@code a} sorts before, with or after {@code b} in code point order. */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          // Surrogates (D800..DFFF) encode code points above FFFF: move them above E000..FFFF.
          x = (char) (x >= 0xE000 ? x - 0x800 : x + 0x2000);
          y = (char) (y >= 0xE000 ? y - 0x800 : y + 0x2000);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }
}
