package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed values on a small topic exercising every kind of judgment. */
class RetrievalEvaluationTest {
  // d1:1 d2:2 d3:0 d4:1 d5:-1 (pooled, unjudged); R = 3 at level 1, 1 at level 2.
  private static final Qrels QRELS = Qrels.parse(new StringReader(
      "q 0 d1 1\nq 0 d2 2\nq 0 d3 0\nq 0 d4 1\nq 0 d5 -1\nq2 0 dA 1\n"), "q");
  // Ranked: d3 (0), d1 (1), dx (not in pool), d2 (2), d5 (unjudged).
  private static final Run RUN = Run.parse(new StringReader(
      "q Q0 d1 1 9 r\nq Q0 d3 2 10 r\nq Q0 dx 3 8 r\nq Q0 d2 4 7 r\nq Q0 d5 5 6 r\n"), "r");
  private static final double LOG2_3 = Math.log(3) / Math.log(2);
  private static final double LOG2_5 = Math.log(5) / Math.log(2);

  private static RetrievalResult eval(RetrievalOptions o, String... measures) {
    return RetrievalEvaluation.evaluate(QRELS, RUN, o.withMeasures(List.of(measures)));
  }

  private static double q(RetrievalResult r, String measure) {
    return r.value("q", measure);
  }

  @Test
  void binaryMeasuresAtDefaultLevel() {
    RetrievalResult r = eval(RetrievalOptions.defaults(), "map", "P_5", "recall_5", "recip_rank", "Rprec",
        "success_1", "success_5", "bpref", "num_nonrel_judged_ret", "unj_5", "set_P", "set_recall", "set_F",
        "relstring", "num_rel", "num_rel_ret", "map_cut_2", "relative_P_2", "Rprec_mult_2.00");
    assertThat(q(r, "map")).isCloseTo((1 / 2.0 + 2 / 4.0) / 3, within(1e-12));
    assertThat(q(r, "P_5")).isEqualTo(0.4);
    assertThat(q(r, "recall_5")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(q(r, "recip_rank")).isEqualTo(0.5);
    assertThat(q(r, "Rprec")).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(q(r, "success_1")).isZero();
    assertThat(q(r, "success_5")).isEqualTo(1);
    assertThat(q(r, "bpref")).as("the one judged non-relevant doc precedes both relevant ones").isZero();
    assertThat(q(r, "num_nonrel_judged_ret")).isEqualTo(1);
    assertThat(q(r, "unj_5")).as("one unpooled, one unjudged").isEqualTo(0.4);
    assertThat(q(r, "set_F")).isCloseTo(2 * 0.4 * (2 / 3.0) / (0.4 + 2 / 3.0), within(1e-12));
    assertThat(r.relString("q")).isEqualTo("01-2.");
    assertThat(q(r, "num_rel")).isEqualTo(3);
    assertThat(q(r, "num_rel_ret")).isEqualTo(2);
    assertThat(q(r, "map_cut_2")).isCloseTo((1 / 2.0) / 3, within(1e-12));
    assertThat(q(r, "relative_P_2")).isEqualTo(0.5);
    assertThat(q(r, "Rprec_mult_2.00")).as("cutoff 6 past the 5 retrieved").isCloseTo(2 / 6.0, within(1e-12));
  }

  @Test
  void gradedGainsIgnoreTheThreshold() {
    RetrievalResult r = eval(RetrievalOptions.defaults(), "ndcg", "ndcg_cut_2", "dcg", "ndcg:gains=2=10");
    double dcg = 1 / LOG2_3 + 2 / LOG2_5;
    double ideal = 2 + 1 / LOG2_3 + 1 / 2.0;
    assertThat(q(r, "dcg")).isCloseTo(dcg, within(1e-12));
    assertThat(q(r, "ndcg")).isCloseTo(dcg / ideal, within(1e-12));
    assertThat(q(r, "ndcg_cut_2")).isCloseTo((1 / LOG2_3) / (2 + 1 / LOG2_3), within(1e-12));
    assertThat(q(r, "ndcg:gains=2=10")).isCloseTo((1 / LOG2_3 + 10 / LOG2_5) / (10 + 1 / LOG2_3 + 0.5), within(1e-12));
  }

  @Test
  void rbpScalesGradesAboveOneIntoTheUnitInterval() {
    RetrievalResult r = eval(RetrievalOptions.defaults(), "rbp", "rbp_resid", "rbp:p=0.5", "rbp:gains=2=1");
    // Grades 0..2 scale to gains 0, 0.5, 1; ranked gains 0, .5, 0, 1, 0.
    assertThat(q(r, "rbp")).isCloseTo(0.1 * (0.5 * 0.9 + 0.9 * 0.9 * 0.9), within(1e-12));
    assertThat(q(r, "rbp:p=0.5")).isCloseTo(0.5 * (0.5 * 0.5 + 0.125), within(1e-12));
    assertThat(q(r, "rbp:gains=2=1")).as("gains already in [0, 1]").isCloseTo(0.1 * (0.9 + 0.729), within(1e-12));
    // Unjudged or unpooled at ranks 3 and 5, and the weight past rank 5.
    assertThat(q(r, "rbp_resid")).isCloseTo(Math.pow(0.9, 5) + 0.1 * (0.81 + 0.6561), within(1e-12));
  }

  @Test
  void relevanceLevelRaisesTheThreshold() {
    RetrievalResult r = eval(RetrievalOptions.defaults().withRelevanceLevel(2), "map", "P_5", "num_rel", "bpref");
    assertThat(q(r, "map")).isEqualTo(0.25);
    assertThat(q(r, "P_5")).isEqualTo(0.2);
    assertThat(q(r, "num_rel")).isEqualTo(1);
    // Judged below level 2: d1, d3, d4; two of them precede d2.
    assertThat(q(r, "bpref")).isCloseTo(1 - 1.0 / 1, within(1e-12));
    RetrievalResult perMeasure = eval(RetrievalOptions.defaults(), "map", "map:level=2");
    assertThat(q(perMeasure, "map:level=2")).isEqualTo(0.25);
    assertThat(q(perMeasure, "map")).isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void judgedOnlyDropsUnjudgedDocumentsAndMaxDocsTruncates() {
    RetrievalResult judged = eval(RetrievalOptions.defaults().withJudgedOnly(true), "map", "num_ret");
    assertThat(q(judged, "num_ret")).isEqualTo(3);
    assertThat(q(judged, "map")).isCloseTo((1 / 2.0 + 2 / 3.0) / 3, within(1e-12));
    RetrievalResult top2 = eval(RetrievalOptions.defaults().withMaxDocsPerTopic(2), "map", "num_ret");
    assertThat(q(top2, "num_ret")).isEqualTo(2);
    assertThat(q(top2, "map")).isCloseTo((1 / 2.0) / 3, within(1e-12));
  }

  @Test
  void topicsDefaultToTheIntersectionAndAllTopicsCountsMissingOnesAsZero() {
    RetrievalResult both = eval(RetrievalOptions.defaults(), "num_q", "map", "gm_map", "num_rel");
    assertThat(both.topics()).containsExactly("q");
    assertThat(both.missingTopics()).containsExactly("q2");
    assertThat(both.aggregate()).containsEntry("num_q", 1.0).containsEntry("num_rel", 3.0);

    RetrievalResult all = eval(RetrievalOptions.defaults().withAllTopics(true), "num_q", "map", "gm_map", "num_rel");
    double ap = 1 / 3.0;
    assertThat(all.aggregate().get("num_q")).isEqualTo(2);
    assertThat(all.aggregate().get("map")).isCloseTo(ap / 2, within(1e-12));
    assertThat(all.aggregate().get("gm_map")).isCloseTo(Math.exp((Math.log(ap) + Math.log(1e-5)) / 2), within(1e-12));
    assertThat(all.aggregate().get("num_rel")).as("q2's relevant document counts, as with trec_eval -c").isEqualTo(4);
    assertThat(all.topics()).containsExactly("q");
    assertThat(all.reportedTopics()).containsExactly("q", "q2");
    assertThat(all.perQuery().get("q2")).containsEntry("num_rel", 1.0).containsEntry("map", 0.0);
  }

  @Test
  void aMissingTopicIsEvaluatedAsTrecEvalTenDoes() {
    RetrievalResult all = eval(RetrievalOptions.defaults().withAllTopics(true), "num_ret", "num_rel", "num_rel_ret",
        "utility", "utility:a=2:c=-1", "unj_5", "rbp_resid", "rbp_resid:p=0.5", "bpref", "infAP", "set_F",
        "num_nonrel_judged_ret", "relstring");
    // trec_eval scores the placeholder ranking (one unpooled document) and then clears what
    // would describe the placeholder: every value of q2 is 0 but its num_rel.
    all.perQuery().get("q2").forEach((measure, v) ->
        assertThat(v).as(measure).isEqualTo(measure.equals("num_rel") ? 1.0 : 0.0));
    assertThat(all.relString("q2")).isEmpty();
    assertThat(all.aggregate().get("num_ret")).isEqualTo(5);

    RetrievalResult judgedOnly = eval(RetrievalOptions.defaults().withAllTopics(true).withJudgedOnly(true),
        "num_ret", "iprec_at_recall_0.00", "P_5");
    assertThat(judgedOnly.perQuery().get("q2")).containsEntry("num_ret", 0.0)
        .containsEntry("iprec_at_recall_0.00", 0.0).containsEntry("P_5", 0.0);
  }

  @Test
  void allTopicsSumsNumRelOverTheQrelsAtGradeOneWhateverTheLevel() {
    RetrievalResult level2 = eval(RetrievalOptions.defaults().withAllTopics(true).withRelevanceLevel(2),
        "num_rel", "num_rel:level=2");
    assertThat(level2.perQuery().get("q")).containsEntry("num_rel", 1.0);
    assertThat(level2.perQuery().get("q2")).containsEntry("num_rel", 0.0);
    assertThat(level2.aggregate().get("num_rel")).as("trec_eval -c -l2 counts grades above 0").isEqualTo(4);
    assertThat(level2.aggregate().get("num_rel:level=2")).as("an explicit level is honoured").isEqualTo(1);
    RetrievalResult intersection = eval(RetrievalOptions.defaults().withRelevanceLevel(2), "num_rel");
    assertThat(intersection.aggregate().get("num_rel")).as("without -c: the sum of the topics'").isEqualTo(1);
  }

  @Test
  void aggregateOnlyAndPerQueryOnlyMeasuresAreReportedWhereTrecEvalReportsThem() {
    RetrievalResult r = eval(RetrievalOptions.defaults(), "official");
    Map<String, Double> row = r.perQuery().get("q");
    assertThat(row).doesNotContainKeys("gm_map", "num_q", "runid").containsKeys("map", "P_10", "iprec_at_recall_0.00");
    assertThat(r.aggregate()).containsKeys("gm_map", "num_q").doesNotContainKey("runid");
    assertThat(r.runId()).isEqualTo("r");
    assertThatThrownBy(() -> r.value("q", "gm_map")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noCommonTopicIsAnInputError() {
    Run other = Run.parse(new StringReader("zz Q0 d1 1 1 r\n"), "r");
    assertThatThrownBy(() -> RetrievalEvaluation.evaluate(QRELS, other, RetrievalOptions.defaults()))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.getMessage()).contains("no topic"));
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> RetrievalOptions.defaults().withRelevanceLevel(0)).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> RetrievalOptions.defaults().withMaxDocsPerTopic(0)).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> RetrievalOptions.defaults().withMeasures(List.of())).isInstanceOf(InputException.class);
  }

  @Test
  void textReportUsesTrecEvalLayout() {
    RetrievalResult r = eval(RetrievalOptions.defaults(), "runid", "num_q", "num_ret", "map", "relstring");
    assertThat(TrecEvalFormat.format(r, true)).isEqualTo(
        "num_ret               \tq\t5\n"
            + "map                   \tq\t0.3333\n"
            + "relstring             \tq\t'01-2.'\n"
            + "runid                 \tall\tr\n"
            + "num_q                 \tall\t1\n"
            + "num_ret               \tall\t5\n"
            + "map                   \tall\t0.3333\n");
  }

  @Test
  void numbersRoundHalfEvenOnTheExactBinaryValueLikeGlibc() {
    assertThat(TrecEvalFormat.number(0.11115, false)).as("0.11115 is stored just below the tie").isEqualTo("0.1111");
    assertThat(TrecEvalFormat.number(0.12345, false)).as("0.12345 is stored just above the tie").isEqualTo("0.1235");
    assertThat(TrecEvalFormat.number(0.00005, false)).as("5e-5 is stored just above the tie").isEqualTo("0.0001");
    assertThat(TrecEvalFormat.number(0.03125, false)).as("an exact binary tie goes to even").isEqualTo("0.0312");
    assertThat(TrecEvalFormat.number(-412.666666, false)).isEqualTo("-412.6667");
    assertThat(TrecEvalFormat.number(-0.00001, false)).isEqualTo("-0.0000");
    assertThat(TrecEvalFormat.number(561, true)).isEqualTo("561");
  }
}
