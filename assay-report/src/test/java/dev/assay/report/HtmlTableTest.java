package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTableTest {
  @Test
  void numbersAndIntervalsAreRightAlignedAndProseStartingWithANumberIsNot() {
    String html = new HtmlTable(null, "a", "b", "c", "d", "e", "f")
        .row("0.7122", "[-0.0138, +0.0421]", "1.5e-05", "–", "95% interval [-0.0130, +0.0426] clears -0.0200", "-Infinity")
        .html();
    assertThat(html).contains("<td class=\"n\">0.7122</td>").contains("<td class=\"n\">[-0.0138, +0.0421]</td>")
        .contains("<td class=\"n\">1.5e-05</td>").contains("<td class=\"n\">–</td>")
        .contains("<td>95% interval [-0.0130, +0.0426] clears -0.0200</td>")
        .contains("<td class=\"n\">-Infinity</td>");
  }
}
