package dev.assay.metrics.retrieval;

import java.util.function.Function;

/**
 * One retrieval measure under its canonical trec_eval name (e.g. {@code P_10}, {@code ndcg_cut_10},
 * {@code iprec_at_recall_0.10}), with how trec_eval reports and averages it.
 *
 * <p>Invariants: the kernel of a {@link Kind#VALUE} measure is a pure function of one topic's
 * {@link JudgedRanking} and returns a finite number; {@link #level()} is the relevance threshold
 * this measure was asked for, or 0 to use the evaluation's. Parameterised measures carry their
 * parameters in the name ({@code ndcg_cut_10:level=2}) so two variants never collide. Immutable.
 *
 * <p>Under trec_eval -c ({@link RetrievalOptions#allTopics()}) a judged topic without a ranking is
 * evaluated as {@link AllTopics} describes: {@link #zeroWhenUnranked()} and {@link
 * #summedOverQrels()} say how this measure departs from the general rule there.
 */
public final class Measure {
  /** What a measure yields. */
  public enum Kind {
    /** A number per topic, aggregated over topics. */
    VALUE,
    /** The run's tag (summary only, text). */
    RUN_ID,
    /** The number of topics averaged over (summary only). */
    NUM_Q,
    /** Relevance grades of the top documents as a string (per topic only, text). */
    REL_STRING
  }

  /** How per-topic values become the summary value. */
  public enum Aggregation {
    /** Arithmetic mean over topics. */
    MEAN,
    /** Sum over topics (trec_eval's counts). */
    SUM,
    /** exp of the mean of log(max(v, 1e-5)) (gm_map, gm_bpref). */
    GEOMETRIC
  }

  /** Computes a measure for one topic. */
  @FunctionalInterface
  interface Kernel {
    double value(JudgedRanking r);
  }

  private final String name;
  private final Kind kind;
  private final Kernel kernel;
  private final Function<JudgedRanking, String> text;
  private final Aggregation aggregation;
  private final boolean integer;
  private final boolean perTopic;
  private final boolean higherIsBetter;
  private final int level;
  private final boolean zeroWhenUnranked;
  private final boolean summedOverQrels;

  private Measure(String name, Kind kind, Kernel kernel, Function<JudgedRanking, String> text,
      Aggregation aggregation, boolean integer, boolean perTopic, boolean higherIsBetter, int level) {
    this(name, kind, kernel, text, aggregation, integer, perTopic, higherIsBetter, level, false, false);
  }

  private Measure(String name, Kind kind, Kernel kernel, Function<JudgedRanking, String> text,
      Aggregation aggregation, boolean integer, boolean perTopic, boolean higherIsBetter, int level,
      boolean zeroWhenUnranked, boolean summedOverQrels) {
    this.name = name;
    this.kind = kind;
    this.kernel = kernel;
    this.text = text;
    this.aggregation = aggregation;
    this.integer = integer;
    this.perTopic = perTopic;
    this.higherIsBetter = higherIsBetter;
    this.level = level;
    this.zeroWhenUnranked = zeroWhenUnranked;
    this.summedOverQrels = summedOverQrels;
  }

  static Measure mean(String name, Kernel k) {
    return new Measure(name, Kind.VALUE, k, null, Aggregation.MEAN, false, true, true, 0);
  }

  static Measure sum(String name, Kernel k) {
    return new Measure(name, Kind.VALUE, k, null, Aggregation.SUM, true, true, true, 0);
  }

  static Measure geometric(String name, Kernel k) {
    return new Measure(name, Kind.VALUE, k, null, Aggregation.GEOMETRIC, false, false, true, 0);
  }

  static Measure runId() {
    return new Measure("runid", Kind.RUN_ID, null, null, Aggregation.SUM, false, false, true, 0);
  }

  static Measure numQ() {
    return new Measure("num_q", Kind.NUM_Q, null, null, Aggregation.SUM, true, false, true, 0);
  }

  static Measure relString(Function<JudgedRanking, String> f) {
    return new Measure("relstring", Kind.REL_STRING, null, f, Aggregation.SUM, false, true, true, 0);
  }

  Measure lowerIsBetter() {
    return new Measure(name, kind, kernel, text, aggregation, integer, perTopic, false, level, zeroWhenUnranked,
        summedOverQrels);
  }

  /** This measure at relevance threshold {@code lvl}, reported as {@code newName}. */
  Measure atLevel(int lvl, String newName) {
    return new Measure(newName, kind, kernel, text, aggregation, integer, perTopic, higherIsBetter, lvl,
        zeroWhenUnranked, summedOverQrels);
  }

  Measure named(String newName) {
    return new Measure(newName, kind, kernel, text, aggregation, integer, perTopic, higherIsBetter, level,
        zeroWhenUnranked, summedOverQrels);
  }

  /** This measure, 0 for a topic without a ranking under trec_eval -c. */
  Measure withZeroWhenUnranked() {
    return new Measure(name, kind, kernel, text, aggregation, integer, perTopic, higherIsBetter, level, true,
        summedOverQrels);
  }

  /** This count, whose trec_eval -c summary counts the relevant judgments of the whole qrels. */
  Measure withSumOverQrels() {
    return new Measure(name, kind, kernel, text, aggregation, integer, perTopic, higherIsBetter, level,
        zeroWhenUnranked, true);
  }

  /** The canonical name, as trec_eval prints it (plus any assay parameters). */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  /** Whether values are counts, printed as integers. */
  public boolean integer() {
    return integer;
  }

  /** Whether trec_eval reports the measure per topic (with -q). */
  public boolean perTopic() {
    return perTopic;
  }

  /**
   * The range of one topic's value: counts and unnormalised gains are non-negative, utility is
   * unbounded, every other measure (precision, recall, AP, nDCG, ...) lies in [0, 1].
   */
  public dev.assay.core.Scale perQueryScale() {
    String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    if (base.startsWith("utility")) {
      return dev.assay.core.Scale.UNBOUNDED;
    }
    if (integer || base.equals("G") || base.equals("dcg") || base.equals("ideal_dcg") || base.equals("binG")) {
      return dev.assay.core.Scale.NON_NEGATIVE;
    }
    return dev.assay.core.Scale.UNIT;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The relevance threshold this measure was asked for, 0 when it uses the evaluation's. */
  public int level() {
    return level;
  }

  /**
   * Whether trec_eval -c reports 0 for a topic without a ranking instead of the value on its
   * placeholder ranking: true for num_ret, utility, unj_k and rbp_resid, whose value there would
   * describe the placeholder document rather than the topic.
   */
  boolean zeroWhenUnranked() {
    return zeroWhenUnranked;
  }

  /**
   * Whether the trec_eval -c summary of this count is the number of relevant judgments in the whole
   * qrels rather than the sum over topics: true for num_rel only (see {@link AllTopics}).
   */
  boolean summedOverQrels() {
    return summedOverQrels;
  }

  double value(JudgedRanking r) {
    return kernel.value(r);
  }

  String text(JudgedRanking r) {
    return text.apply(r);
  }

  @Override
  public String toString() {
    return name;
  }
}
