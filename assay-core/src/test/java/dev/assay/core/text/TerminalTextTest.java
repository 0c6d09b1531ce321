package dev.assay.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void escapesControlsBidiAndLoneSurrogates() {
    assertThat(TerminalText.escape("a\u001b[2J\u0007b")).isEqualTo("a\\u001b[2J\\u0007b");
    assertThat(TerminalText.escape("\u009b\u007f\u202e\u2066\u2028")).isEqualTo("\\u009b\\u007f\\u202e\\u2066\\u2028");
    assertThat(TerminalText.escape("x\ud800y")).isEqualTo("x\\ud800y");
    assertThat(TerminalText.escape("a\nb\tc\rd")).isEqualTo("a\\nb\\tc\\rd");
  }

  @Test
  void keepsOrdinaryTextAndTheLayoutWhenAsked() {
    String text = "café 日本 😀 [ok]";
    assertThat(TerminalText.escape(text)).isSameAs(text);
    assertThat(TerminalText.escapeKeepingLayout("a\tb\nc\u001b")).isEqualTo("a\tb\nc\\u001b");
    assertThat(TerminalText.escape(null)).isEmpty();
  }
}
