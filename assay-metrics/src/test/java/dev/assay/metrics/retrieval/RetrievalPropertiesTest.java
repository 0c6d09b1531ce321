package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Properties of the evaluation on random judgments and runs (seeded; the seed is in every message). */
class RetrievalPropertiesTest {
  private static final Set<String> UNBOUNDED = Set.of("num_ret", "num_rel", "num_rel_ret", "num_nonrel_judged_ret",
      "utility", "dcg", "ideal_dcg");
  private static final List<String> ALL = List.of("all_trec", "dcg", "ideal_dcg", "ndcg@3", "success@2");

  /** Random qrels and run lines over a few topics: grades -1..3, unpooled documents, tied scores. */
  private record Data(String qrels, List<String> runLines) {
    Qrels q() {
      return Qrels.parse(new StringReader(qrels), "q");
    }

    Run r() {
      return Run.parse(new StringReader(String.join("\n", runLines)), "r");
    }
  }

  private static Data data(long seed, String topicPrefix) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder q = new StringBuilder();
    List<String> run = new ArrayList<>();
    int topics = 1 + rnd.nextInt(4);
    for (int t = 0; t < topics; t++) {
      String topic = topicPrefix + t;
      int pool = 1 + rnd.nextInt(30);
      for (int d = 0; d < pool; d++) {
        q.append(topic).append(" 0 d").append(d).append(' ').append(rnd.nextInt(5) - 1).append('\n');
      }
      int retrieved = rnd.nextInt(40);
      int[] docs = rnd.ints(0, 45).distinct().limit(retrieved).toArray();
      for (int d : docs) {
        run.add(topic + " Q0 d" + d + " 0 " + rnd.nextInt(6) + "." + rnd.nextInt(3) + " run");
      }
    }
    return new Data(q.toString(), run);
  }

  private static RetrievalResult eval(Data d, List<String> measures) {
    return RetrievalEvaluation.evaluate(d.q(), d.r(), RetrievalOptions.defaults().withMeasures(measures));
  }

  @Property(tries = 80)
  void everyValueStaysInItsRange(@ForAll long seed) {
    Data d = data(seed, "t");
    if (d.runLines().isEmpty()) {
      return;
    }
    RetrievalResult r = eval(d, ALL);
    r.perQuery().forEach((topic, row) -> row.forEach((measure, v) -> {
      String what = "seed " + seed + " topic " + topic + " " + measure;
      assertThat(Double.isFinite(v)).as(what).isTrue();
      if (!UNBOUNDED.contains(measure)) {
        assertThat(v).as(what).isBetween(0.0, 1.0 + 1e-12);
      } else if (!measure.equals("utility")) {
        assertThat(v).as(what).isGreaterThanOrEqualTo(0.0);
      }
    }));
  }

  @Property(tries = 80)
  void aPerfectRankingReachesTheMaximum(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Qrels.Builder qb = Qrels.builder();
    List<int[]> judged = new ArrayList<>();
    int pool = 1 + rnd.nextInt(40);
    boolean anyRelevant = false;
    for (int d = 0; d < pool; d++) {
      int grade = rnd.nextInt(5) - 1;
      qb.add("t", "d" + d, grade);
      judged.add(new int[] {d, grade});
      anyRelevant |= grade >= 1;
    }
    if (!anyRelevant) {
      qb.add("t", "dR", 1);
      judged.add(new int[] {-1, 1});
    }
    judged.sort((a, b) -> Integer.compare(b[1], a[1]));
    Run.Builder rb = Run.builder("perfect");
    int score = 1000;
    for (int[] j : judged) {
      rb.add("t", j[0] < 0 ? "dR" : "d" + j[0], score--);
    }
    for (int extra = rnd.nextInt(5); extra > 0; extra--) {
      rb.add("t", "unpooled" + extra, score--);
    }
    RetrievalResult r = RetrievalEvaluation.evaluate(qb.build(), rb.build(), RetrievalOptions.defaults()
        .withMeasures(List.of("map", "ndcg", "ndcg_cut", "Rprec", "bpref", "recip_rank", "iprec_at_recall",
            "11pt_avg", "infAP", "binG", "G", "ndcg_rel", "Rndcg", "success_1", "set_recall")));
    // infAP smooths its precision estimate with epsilon = 1e-5, so it falls short of 1 by O(1e-5).
    r.perQuery().get("t").forEach((measure, v) -> assertThat(v).as("seed " + seed + " " + measure)
        .isCloseTo(1.0, within(measure.equals("infAP") ? 1e-4 : 1e-12)));
  }

  @Property(tries = 60)
  void reorderingRunLinesChangesNothing(@ForAll long seed) {
    Data d = data(seed, "t");
    if (d.runLines().isEmpty()) {
      return;
    }
    List<String> shuffled = new ArrayList<>(d.runLines());
    Collections.shuffle(shuffled, new Random(seed));
    String a = TrecEvalFormat.format(eval(d, ALL), true);
    String b = TrecEvalFormat.format(eval(new Data(d.qrels(), shuffled), ALL), true);
    assertThat(b).as("seed " + seed).isEqualTo(a);
  }

  @Property(tries = 60)
  void duplicatingTheTopicsKeepsMeansAndDoublesCounts(@ForAll long seed) {
    Data d = data(seed, "t");
    if (d.runLines().isEmpty()) {
      return;
    }
    Data copy = data(seed, "u");
    Data both = new Data(d.qrels() + copy.qrels(), concat(d.runLines(), copy.runLines()));
    RetrievalResult once = eval(d, ALL);
    RetrievalResult twice = eval(both, ALL);
    for (Measure m : once.measures()) {
      if (m.kind() != Measure.Kind.VALUE && m.kind() != Measure.Kind.NUM_Q) {
        continue;
      }
      double v1 = once.aggregate().get(m.name());
      double v2 = twice.aggregate().get(m.name());
      boolean doubles = m.kind() == Measure.Kind.NUM_Q || m.aggregation() == Measure.Aggregation.SUM;
      assertThat(v2).as("seed " + seed + " " + m.name()).isCloseTo(doubles ? 2 * v1 : v1, within(1e-9));
    }
  }

  @Property(tries = 120)
  void sortingMatchesAComparatorOracle(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = rnd.nextInt(3) == 0 ? rnd.nextInt(1500) : rnd.nextInt(40);
    String[] alphabet = {"a", "b", "Z", "\u00e9", "\uFF5E", new String(Character.toChars(0x1F600)), "#", "0"};
    double[] pool = {0.0, -0.0, 1.0, -1.0, 1e-300, 1.0000000000000002, Double.POSITIVE_INFINITY, 3.5};
    Ranking.Builder b = new Ranking.Builder();
    List<String> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    while (ids.size() < n) {
      StringBuilder id = new StringBuilder();
      for (int k = rnd.nextInt(1, 7); k > 0; k--) {
        id.append(alphabet[rnd.nextInt(alphabet.length)]);
      }
      double s = rnd.nextBoolean() ? pool[rnd.nextInt(pool.length)] : rnd.nextDouble(-5, 5);
      if (b.add(id.toString(), s)) {
        ids.add(id.toString());
        scores.add(s);
      }
    }
    Ranking ranking = b.build();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> {
      double sx = scores.get(x);
      double sy = scores.get(y);
      if (sx != sy) {
        return sx > sy ? -1 : 1;
      }
      return -Arrays.compareUnsigned(ids.get(x).getBytes(StandardCharsets.UTF_8), ids.get(y).getBytes(StandardCharsets.UTF_8));
    });
    for (int i = 0; i < n; i++) {
      assertThat(ranking.docid(i)).as("seed " + seed + " rank " + (i + 1)).isEqualTo(ids.get(order[i]));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
