package dev.assay.metrics.retrieval;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Renders a {@link RetrievalResult} in trec_eval's relational layout: one line per value,
 * {@code measure<TAB>topic<TAB>value}, the measure name left-aligned in 22 columns, per-query
 * blocks (when asked) before the {@code all} block.
 *
 * <p>Numbers are printed as trec_eval's {@code printf} prints them: counts as integers, other
 * values with 4 decimals rounded half-to-even on the exact binary value (glibc's {@code %6.4f});
 * relstring in single quotes; runid as is. Topic ids and run tags are printed verbatim (they
 * cannot contain whitespace). Per-topic blocks cover {@link RetrievalResult#reportedTopics()}: with
 * trec_eval -c also the judged topics the run lacks, as trec_eval 10 prints them.
 */
public final class TrecEvalFormat {
  private TrecEvalFormat() {}

  /** The whole report; {@code perQuery} adds the per-topic lines (trec_eval -q, with -c as well). */
  public static String format(RetrievalResult result, boolean perQuery) {
    StringBuilder sb = new StringBuilder();
    if (perQuery) {
      for (String topic : result.reportedTopics()) {
        for (Measure m : result.measures()) {
          if (m.kind() == Measure.Kind.REL_STRING) {
            line(sb, m.name(), topic, "'" + result.relString(topic) + "'");
          } else if (RetrievalResult.hasPerQueryValue(m)) {
            line(sb, m.name(), topic, number(result.value(topic, m.name()), m.integer()));
          }
        }
      }
    }
    for (Measure m : result.measures()) {
      switch (m.kind()) {
        case RUN_ID -> line(sb, m.name(), "all", result.runId());
        case NUM_Q, VALUE -> line(sb, m.name(), "all", number(result.aggregate().get(m.name()), m.integer()));
        default -> { }
      }
    }
    return sb.toString();
  }

  /** A value as trec_eval prints it: an integer, or 4 decimals. */
  public static String number(double v, boolean integer) {
    if (integer) {
      return Long.toString(Math.round(v));
    }
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
    String s = new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    // C keeps the sign of a negative value that rounds to zero.
    return v < 0 && !s.startsWith("-") ? "-" + s : s;
  }

  private static void line(StringBuilder sb, String measure, String topic, String value) {
    sb.append(measure);
    for (int i = measure.length(); i < 22; i++) {
      sb.append(' ');
    }
    sb.append('\t').append(topic).append('\t').append(value).append('\n');
  }
}
