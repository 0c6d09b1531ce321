package dev.assay.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.agreement.KappaWeights;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Agreement} against figures worked out by hand. */
class AgreementTest {
  private static Judged one(String id, double judge, double human) {
    return new Judged(id, judge, Map.of("", human), Optional.of(human));
  }

  /**
   * Judge vs human on a 1-3 scale: (1,1) (2,2) (3,2) (3,3) (1,2), plus an answer two raters split
   * on. Confusion (rows human 1..3, columns judge) [[1,0,0],[1,1,1],[0,0,1]]: accuracy 0.6, p_e =
   * .2·.4 + .6·.2 + .2·.4 = .28, κ = .32/.72; precision of 2 is 1/1, recall 1/3; means 2 and 2,
   * paired differences 0,0,1,0,-1 with sd √0.5, so the bias interval is ±1.959964·√0.5/√5.
   */
  @Test
  void ordinalJudgeAgainstHumans() {
    List<Judged> judged = List.of(one("a", 1, 1), one("b", 2, 2), one("c", 3, 2), one("d", 3, 3), one("e", 1, 2),
        new Judged("f", 2, Map.of("x", 1.0, "y", 3.0), Optional.empty()));
    Agreement a = Agreement.of(judged, 0.95);
    assertThat(a.n()).isEqualTo(5);
    assertThat(a.noConsensus()).isEqualTo(1);
    assertThat(a.categories()).containsExactly(1, 2, 3);
    assertThat(a.confusion()).isDeepEqualTo(new long[][] {{1, 0, 0}, {1, 1, 1}, {0, 0, 1}});
    assertThat(a.accuracy()).isCloseTo(0.6, within(1e-12));
    assertThat(a.kappa().get(KappaWeights.NONE).estimate()).isCloseTo(0.32 / 0.72, within(1e-12));
    assertThat(a.precision(1)).isEqualTo(1.0);
    assertThat(a.recall(1)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(a.precision(2)).isEqualTo(0.5);
    assertThat(a.bias()).isCloseTo(0, within(1e-12));
    double half = 1.959963984540054 * Math.sqrt(0.5) / Math.sqrt(5);
    assertThat(a.biasInterval().lower()).isCloseTo(-half, within(1e-9));
    assertThat(a.biasInterval().upper()).isCloseTo(half, within(1e-9));
    assertThat(a.raters()).containsExactly("", "x", "y");
    assertThat(a.toJson().path("confusion").path("counts").toString()).isEqualTo("[[1,0,0],[1,1,1],[0,0,1]]");
  }

  /**
   * A lenient binary judge: says 1 on 36 of 40 answers humans call 1 half of the time. The bias
   * (0.9 - 0.5) is estimated with Newcombe's paired interval, which excludes 0 here (with a tenth
   * of the answers it would not: its lower bound is then -0.0024).
   */
  @Test
  void aLenientBinaryJudgeShowsAPositiveBias() {
    List<Judged> judged = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      judged.add(one("q" + i, i < 36 ? 1 : 0, i < 20 ? 1 : 0));
    }
    Agreement a = Agreement.of(judged, 0.95);
    assertThat(a.bias()).isCloseTo(0.4, within(1e-12));
    assertThat(a.biasInterval().lower()).isPositive();
    assertThat(a.biasInterval().upper()).isLessThanOrEqualTo(1.0);
    assertThat(a.accuracy()).isCloseTo(0.6, within(1e-12));
    assertThat(a.raters()).as("one unnamed rater: no human ceiling").isEmpty();
    assertThat(a.toJson().has("human_agreement")).isFalse();
  }

  @Test
  void noConsensusAtAllLeavesEveryFigureUndefined() {
    Agreement a = Agreement.of(List.of(new Judged("a", 1, Map.of("x", 0.0, "y", 1.0), Optional.empty())), 0.95);
    assertThat(a.n()).isZero();
    assertThat(a.accuracy()).isNaN();
    assertThat(a.accuracyInterval()).isNull();
    assertThat(a.toJson().path("accuracy").isNull()).isTrue();
  }

  /**
   * Three panel members on four answers: [1,1,1] [0,0,0] [1,1,0] [0,0,0]. Fleiss: P̄ = (3 + 1/3)/4,
   * p = (5/12, 7/12), P_e = 74/144, κ = (P̄ - P_e)/(1 - P_e) = 0.657143.
   */
  @Test
  void aPanelsMembersAgreementIsMeasuredAmongThemselves() {
    double[][] members = {{1, 1, 1}, {0, 0, 0}, {1, 1, 0}, {0, 0, 0}};
    List<Judged> judged = new java.util.ArrayList<>();
    for (int i = 0; i < members.length; i++) {
      judged.add(new Judged("q" + i, members[i][0], Map.of("", 1.0), Optional.of(1.0), members[i]));
    }
    Agreement a = Agreement.of(judged, 0.95);
    assertThat(a.panel().members()).isEqualTo(3);
    double pBar = (3 + 1.0 / 3) / 4;
    double pE = 74.0 / 144;
    assertThat(a.panel().fleissKappa()).isCloseTo((pBar - pE) / (1 - pE), within(1e-12));
    assertThat(a.toJson().path("panel_agreement").path("members").asInt()).isEqualTo(3);
    assertThat(Agreement.of(List.of(one("a", 1, 1), one("b", 0, 0)), 0.95).panel()).as("a single judge").isNull();
  }
}
