package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stub's word count is the regex split it replaced, on text full of whitespace variants. */
class StubWordsTest {
  private static final long SEED = 20261128L;

  @Test
  void countsWhatStripThenSplitOnWhitespaceRunsCounts() {
    // Regex whitespace, other Unicode whitespace that strip() removes only at the ends, and a
    // no-break space that neither treats as whitespace.
    char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u2003', '\u001C', '\u00A0', 'é'};
    Random random = new Random(SEED);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      String t = s.strip();
      long expected = t.isEmpty() ? 0 : t.split("\\s+").length;
      assertThat(StubLlmServer.words(s)).as("words of \"%s\" (seed %d, case %d)", s, SEED, i).isEqualTo(expected);
    }
  }
}
