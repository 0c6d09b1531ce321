package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreSharingTest {
  @Test
  void zeroAndOneAreSharedAndEveryOtherValueIsItsOwn() {
    assertThat(Score.of(0.0)).isSameAs(Score.of(0.0)).isEqualTo(new Score(0.0, null, null, null));
    assertThat(Score.of(1.0)).isSameAs(Score.of(1.0)).isEqualTo(new Score(1.0, null, null, null));
    assertThat(Score.of(-0.0)).as("-0 is not 0 for a score").isNotEqualTo(Score.of(0.0));
    assertThat(Score.of(-0.0).value()).isEqualTo(-0.0);
    assertThat(Score.of(0.5)).isNotSameAs(Score.of(0.5)).isEqualTo(Score.of(0.5));
    assertThat(Score.of(Double.NaN).hasValue()).isFalse();
    assertThat(Score.of(1.0).withNote("why")).isNotSameAs(Score.of(1.0)).extracting(Score::note).isEqualTo("why");
  }
}
