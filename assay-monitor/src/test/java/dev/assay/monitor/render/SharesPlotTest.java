package dev.assay.monitor.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The share axis reads in round numbers and always reaches above the tallest bar. */
class SharesPlotTest {
  private static final Pattern TICK = Pattern.compile("text-anchor=\"end\" class=\"tick\">([^<]+)</text>");

  @Test
  void axisTicksAreRoundSharesCoveringTheTallestBar() {
    // Shares 0.4439 and 0.4194 at most: ticks 0, 0.1, ..., 0.5, not 0.111, 0.2219, 0.3329, 0.4439.
    String svg = SharesPlot.render("country", List.of("US", "DE", "other"), new long[] {4439, 3000, 2561},
        new long[] {4194, 2800, 3006});
    assertThat(ticks(svg)).containsExactly("0", "0.1", "0.2", "0.3", "0.4", "0.5");
  }

  @Test
  void aShareOfOneEndsTheAxisAtOne() {
    String svg = SharesPlot.render("feedback", List.of("present", "missing"), new long[] {100, 0}, new long[] {85, 15});
    assertThat(ticks(svg)).containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
  }

  private static List<String> ticks(String svg) {
    // Axis labels are the right-aligned tick texts; bar labels are rotated and carry a transform.
    List<String> out = new ArrayList<>();
    Matcher m = TICK.matcher(svg);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
