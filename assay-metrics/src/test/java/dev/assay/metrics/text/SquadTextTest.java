package dev.assay.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SquadTextTest {
  @Test
  void normalisesAsTheSquadScript() {
    assertThat(SquadText.normalize("The  Cat, sat!")).isEqualTo("cat sat");
    assertThat(SquadText.normalize("an apple a day")).isEqualTo("apple day");
    // articles are whole words only; "theatre" and "and" keep their letters
    assertThat(SquadText.normalize("theatre and anthem")).isEqualTo("theatre and anthem");
    // punctuation is deleted, not replaced by space, before articles are found
    assertThat(SquadText.normalize("the-a")).isEqualTo("thea");
    assertThat(SquadText.normalize("(the) a.")).isEqualTo("");
    // non-ASCII punctuation is kept: string.punctuation is ASCII only
    assertThat(SquadText.normalize("«Paris»")).isEqualTo("«paris»");
    // a non-breaking space separates tokens, as in Python's str.split()
    assertThat(SquadText.normalize("new\u00a0york")).isEqualTo("new york");
    // a letter with an accent is a word character, so "a" inside "aé" is no article
    assertThat(SquadText.normalize("aé the")).isEqualTo("aé");
  }

  @Test
  void exactMatchComparesNormalisedText() {
    assertThat(SquadText.exactMatch("The Eiffel Tower.", "eiffel tower")).isEqualTo(1.0);
    assertThat(SquadText.exactMatch("Eiffel Towers", "eiffel tower")).isEqualTo(0.0);
    assertThat(SquadText.strictMatch("The Eiffel Tower.", "eiffel tower")).isEqualTo(0.0);
    assertThat(SquadText.strictMatch("x y", "x y")).isEqualTo(1.0);
  }

  @Test
  void tokenF1CountsSharedTokensWithMultiplicity() {
    // pred tokens: [big, red, red, dog]; ref: [red, dog]; shared 2 -> p=0.5, r=1, f1=2/3
    assertThat(SquadText.f1("a big red red dog", "the red dog")).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(SquadText.f1("", "")).isEqualTo(0.0);
    assertThat(SquadText.f1("the", "a")).isEqualTo(0.0);
    assertThat(SquadText.f1("Denver Broncos", "denver broncos!")).isEqualTo(1.0);
  }

  @Test
  void containsIgnoresCaseAndWhitespaceRuns() {
    assertThat(SquadText.contains("It is  NEW\n York city", "new york")).isEqualTo(1.0);
    assertThat(SquadText.contains("newyork", "new york")).isEqualTo(0.0);
  }
}
