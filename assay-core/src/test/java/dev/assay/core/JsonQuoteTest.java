package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The canonical form's string quoting agrees with Jackson's, which serves as the oracle. */
class JsonQuoteTest {
  @Test
  void quotingMatchesJacksonOnRandomStrings() throws Exception {
    long seed = 20261127L;
    SplittableRandom random = new SplittableRandom(seed);
    char[] alphabet = {'a', 'Z', ' ', '"', '\\', '/', '\b', '\t', '\n', '\f', '\r', 0, 1, 0x1f, 0x7f, 'é', '€',
        '\uD83D', '\uDE00', '\u2028'};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder s = new StringBuilder();
      int len = random.nextInt(12);
      for (int i = 0; i < len; i++) {
        s.append(alphabet[random.nextInt(alphabet.length)]);
      }
      StringBuilder ours = new StringBuilder();
      Json.quote(s.toString(), ours);
      assertThat(ours.toString()).as("seed %d round %d", seed, round)
          .isEqualTo(Json.MAPPER.writeValueAsString(s.toString()));
    }
  }
}
