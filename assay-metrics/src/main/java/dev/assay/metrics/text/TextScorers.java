package dev.assay.metrics.text;

import dev.assay.core.Example;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.MetricName;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The text-generation metric family: SQuAD exact match and token F1, strict match, containment,
 * BLEU, chrF / chrF++ and ROUGE. Found by {@link java.util.ServiceLoader}.
 *
 * <p>{@link #names()} lists the common names; {@code rouge3}..{@code rouge9} and the {@code
 * _fmeasure} suffix (the same as no suffix) are accepted as well. A ROUGE name reports F-measure
 * unless a suffix ({@code rougeL_recall}) or the parameter {@code measure=precision|recall|fmeasure}
 * ({@code rougeL:measure=recall}) selects another of rouge-score's three values.
 *
 * <p>The reported metric name is the spec as written ({@code bleu:tokenize=intl}), so one run can
 * hold several parameterisations of the same base metric.
 */
public final class TextScorers implements ScorerProvider {
  private static final Map<String, Function<MetricSpec, Scorer>> FACTORIES = factories();

  private static Map<String, Function<MetricSpec, Scorer>> factories() {
    Map<String, Function<MetricSpec, Scorer>> m = new LinkedHashMap<>();
    m.put("exact_match", s -> simple(s, SquadText::exactMatch));
    m.put("exact_match_strict", s -> simple(s, SquadText::strictMatch));
    m.put("f1", s -> simple(s, SquadText::f1));
    m.put("contains", s -> simple(s, SquadText::contains));
    m.put("bleu", TextScorers::bleu);
    m.put("chrf", s -> chrf(s, 0));
    m.put("chrf++", s -> chrf(s, 2));
    for (String kind : new String[] {"1", "2", "3", "4", "5", "6", "7", "8", "9", "L", "Lsum"}) {
      for (String part : new String[] {"", "_precision", "_recall", "_fmeasure"}) {
        m.put("rouge" + kind + part, TextScorers::rouge);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Base names listed to users (and in "did you mean" hints); the rest are accepted too. */
  private static final Set<String> LISTED = listed();

  private static Set<String> listed() {
    Set<String> names = new java.util.TreeSet<>();
    for (String base : FACTORIES.keySet()) {
      boolean rareRouge = base.startsWith("rouge") && (base.matches("rouge[3-9].*") || base.endsWith("_fmeasure"));
      if (!rareRouge) {
        names.add(base);
      }
    }
    return Collections.unmodifiableSet(names);
  }

  private static Scorer bleu(MetricSpec spec) {
    spec.allowOnly(List.of("tokenize", "smooth", "smooth_method", "smooth_value", "lowercase",
        "max_ngram_order", "effective_order"));
    if (spec.has("smooth") && spec.has("smooth_method")) {
      throw MetricSpec.error("metric '" + spec.text() + "' gives both 'smooth' and its alias 'smooth_method'",
          "one of them");
    }
    Set<String> tokenizers = new java.util.TreeSet<>();
    for (BleuTokenizer t : BleuTokenizer.values()) {
      tokenizers.add(t.id());
    }
    Set<String> methods = new java.util.TreeSet<>();
    for (Bleu.Smoothing sm : Bleu.Smoothing.values()) {
      methods.add(sm.id());
    }
    BleuTokenizer tokenizer = BleuTokenizer.byId(spec.choice("tokenize", "13a", tokenizers));
    String key = spec.has("smooth_method") ? "smooth_method" : "smooth";
    Bleu.Smoothing smoothing = Bleu.Smoothing.byId(spec.choice(key, "exp", methods));
    double smoothValue = spec.number("smooth_value", Double.NaN, 0);
    if (spec.has("smooth_value") && !smoothing.takesValue()) {
      throw MetricSpec.error("'smooth_value' has no effect with smoothing '" + smoothing.id() + "'",
          "smooth=floor or smooth=add-k");
    }
    Bleu bleu = new Bleu(tokenizer, smoothing, smoothValue, spec.bool("lowercase", false),
        spec.integer("max_ngram_order", 4, 1, 9), spec.bool("effective_order", false));
    return new CorpusScorer(spec.text(), bleu);
  }

  private static Scorer chrf(MetricSpec spec, int defaultWordOrder) {
    spec.allowOnly(List.of("char_order", "word_order", "beta", "eps_smoothing", "remove_whitespace", "lowercase"));
    int charOrder = spec.integer("char_order", 6, 0, 20);
    int wordOrder = spec.integer("word_order", defaultWordOrder, 0, 9);
    if (charOrder + wordOrder == 0) {
      throw MetricSpec.error("metric '" + spec.text() + "' has char_order and word_order both 0",
          "at least one order above 0");
    }
    Chrf chrf = new Chrf(charOrder, wordOrder, spec.number("beta", 2, 0), spec.bool("eps_smoothing", false),
        spec.bool("remove_whitespace", true), spec.bool("lowercase", false));
    return new CorpusScorer(spec.text(), chrf);
  }

  /** The values rouge-score reports for every ROUGE type; a name selects one. */
  private static final Set<String> ROUGE_PARTS = Set.of("precision", "recall", "fmeasure");

  /**
   * {@code rougeX[_part][:measure=part][:stemmer=bool]}: the part comes from the suffix or from the
   * {@code measure} parameter (default fmeasure), never from both.
   */
  private static Scorer rouge(MetricSpec spec) {
    spec.allowOnly(List.of("stemmer", "measure"));
    String base = spec.base();
    int underscore = base.indexOf('_');
    String type = underscore < 0 ? base : base.substring(0, underscore);
    String kind = type.substring("rouge".length());
    String part;
    if (underscore < 0) {
      part = spec.choice("measure", "fmeasure", ROUGE_PARTS);
    } else {
      part = base.substring(underscore + 1);
      if (spec.has("measure")) {
        // Two ways of naming the part would let them disagree: accept one.
        throw MetricSpec.error("metric '" + spec.text() + "': '" + base + "' already names the part",
            "either " + type + ":measure=" + part + " or " + base + " without 'measure'");
      }
    }
    boolean stem = spec.bool("stemmer", false);
    Rouge rouge = switch (kind) {
      case "L" -> new Rouge(Rouge.Kind.L, 0, stem);
      case "Lsum" -> new Rouge(Rouge.Kind.LSUM, 0, stem);
      default -> new Rouge(Rouge.Kind.N, Integer.parseInt(kind), stem);
    };
    java.util.function.ToDoubleFunction<Rouge.Score> value = switch (part) {
      case "precision" -> Rouge.Score::precision;
      case "recall" -> Rouge.Score::recall;
      default -> Rouge.Score::fmeasure;
    };
    return new RougeScorer(spec.text(), rouge, value);
  }

  private static Scorer simple(MetricSpec spec, java.util.function.ToDoubleBiFunction<String, String> measure) {
    spec.allowOnly(List.of());
    return new BestReferenceScorer(spec.text(), measure);
  }

  @Override
  public Set<String> names() {
    return LISTED;
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.assay.core.InputException when the name is ours but a parameter is unknown or
   *     malformed
   */
  @Override
  public Optional<Metric> metric(String spec) {
    return build(spec).map(s -> s.metrics().get(0));
  }

  /** Text scorers hold no resources: the scorer is built again from the metric's name. */
  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    return build(metric.name()).orElseThrow(() -> new IllegalArgumentException("not a text metric: " + metric.name()));
  }

  @Override
  public MetricFamily family() {
    return MetricFamily.TEXT;
  }

  /** Every text metric compares the output with the example's reference texts. */
  @Override
  public void checkExample(Metric metric, Example example) {
    References.of(example);
  }

  /** The scorer of {@code spec}, or empty when the name is not a text metric. */
  static Optional<Scorer> build(String spec) {
    Function<MetricSpec, Scorer> factory = FACTORIES.get(MetricName.baseOf(spec));
    return factory == null ? Optional.empty() : Optional.of(factory.apply(MetricSpec.parse(spec)));
  }
}
