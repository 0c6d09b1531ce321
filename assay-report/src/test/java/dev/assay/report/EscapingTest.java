package dev.assay.report;

import dev.assay.core.text.SafeText;
import dev.assay.core.text.MarkdownText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Escaping without a browser: no payload survives unescaped in HTML, Markdown or SVG. */
class EscapingTest {
  @Test
  void htmlReportHasNoUnescapedPayloadAndOnlyItsOwnScript() {
    ReportInput in = TestReports.input(40, 3,
        i -> i < BrowserReportTest.PAYLOADS.length ? BrowserReportTest.PAYLOADS[i] : null, 200);
    String html = TestReports.html(in);
    assertThat(html).doesNotContain("<script>window", "<img", "onerror=\"", "href=\"javascript", "<svg onload",
        "\" onmouseover=\"", "\uD800");
    Matcher scripts = Pattern.compile("<script>").matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
    }
    assertThat(count).as("only the tag filter script").isEqualTo(1);
    assertThat(html.indexOf("</style>")).isEqualTo(html.lastIndexOf("</style>"));
    assertThat(html).contains("&lt;/style&gt;&lt;script&gt;window.__pwned=4", "\uFFFD(\uFFFD");
  }

  @Test
  void markdownCannotRenderHtmlOrLinks() {
    assertThat(MarkdownText.inline("<script>x</script> [a](javascript:y) |")).isEqualTo(
        "&lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:y) \\|");
    assertThat(MarkdownText.fence("a ```` b", 100)).startsWith("`````text\n").endsWith("\n`````\n");
  }

  @Test
  void svgWriterRefusesMarkupInNamesAndEscapesValues() {
    SvgWriter svg = new SvgWriter(10, 10, "<t>");
    svg.text(1, 2, "</svg><script>", "class", "\"x");
    String out = svg.finish();
    assertThat(out).contains("&lt;/svg&gt;&lt;script&gt;", "class=\"&quot;x\"").doesNotContain("<script>");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> svg.element("rect onload", "x", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void safeTextReplacesLoneSurrogatesAndControls() {
    assertThat(SafeText.clean("a\uD800b\uDC00c\u0001d\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00");
  }
}
