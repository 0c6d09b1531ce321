package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A 100,000-example comparison: the report lists only the first N flips and summarises the rest.
 * Prints the render time for the record (never asserted: timing depends on the machine).
 */
class ScaleTest {
  @Test
  void largeComparisonIsCappedAndSummarised() {
    long seed = 42;
    ReportInput in = TestReports.input(100_000, seed, i -> null, 200);
    long t0 = System.nanoTime();
    String html = TestReports.html(in);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("report of 100000 examples rendered in " + ms + " ms, " + html.length() + " chars");
    assertThat(html.split("<tr data-tags=", -1).length - 1).as("seed %d", seed).isEqualTo(200);
    assertThat(html).contains("more flipped examples");
    assertThat(html.length()).as("stays small").isLessThan(2_000_000);
  }
}
