package dev.assay.metrics.retrieval;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.MetricName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves measure names to {@link Measure}s: trec_eval's names ({@code map}, {@code P_10},
 * {@code iprec_at_recall_0.10}), its families with default cutoffs ({@code P} = P_5 ... P_1000,
 * or {@code P.5,10} as with {@code trec_eval -m}), its nicknames ({@code official}, {@code
 * all_trec}, {@code set}) and common aliases ({@code ndcg@10}, {@code mrr}, {@code recall@100},
 * {@code p@5}, {@code map@10}, {@code success@1}).
 *
 * <p>Names match case-insensitively; the measure is reported under its canonical trec_eval
 * spelling plus any parameters ({@code NAME:key=value...}). Parameters: {@code level} (relevance
 * threshold, every measure), {@code gains} (graded measures, e.g. {@code gains=1=1,2=3}), {@code p}
 * (rbp, rbp_resid), {@code a b c d} (utility), {@code x} (set_F). A bad name or parameter is an
 * {@link dev.assay.core.InputException}.
 */
public final class MeasureCatalog {
  /** trec_eval's default measures ({@code -m official}). */
  public static final List<String> OFFICIAL = List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret",
      "map", "gm_map", "Rprec", "bpref", "recip_rank", "iprec_at_recall", "P");

  /** {@code -m all_trec}, in the order trec_eval prints it. */
  public static final List<String> ALL_TREC = List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret",
      "map", "gm_map", "Rprec", "bpref", "recip_rank", "iprec_at_recall", "P", "relstring", "recall", "infAP",
      "gm_bpref", "Rprec_mult", "utility", "11pt_avg", "binG", "G", "ndcg", "ndcg_rel", "Rndcg", "ndcg_cut",
      "map_cut", "relative_P", "success", "set_P", "set_relative_P", "set_recall", "set_map", "set_F",
      "num_nonrel_judged_ret", "rbp", "rbp_resid", "unj");

  /** {@code -m set}. */
  public static final List<String> SET = List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret",
      "utility", "set_P", "set_recall", "set_relative_P", "set_map", "set_F");

  private static final Map<String, List<String>> NICKNAMES =
      Map.of("official", OFFICIAL, "all_trec", ALL_TREC, "set", SET);

  private static final Set<String> GRADED = Set.of("ndcg", "dcg", "ideal_dcg", "ndcg_rel", "Rndcg", "G", "ndcg_cut");

  /** A measure with a cutoff parameter in its name. */
  private record Family(String name, boolean fractional, double[] defaults) {}

  private static final List<Family> FAMILIES = List.of(
      new Family("relative_P", false, toDouble(CutoffMeasures.DEFAULT_CUTOFFS)),
      new Family("P", false, toDouble(CutoffMeasures.DEFAULT_CUTOFFS)),
      new Family("recall", false, toDouble(CutoffMeasures.DEFAULT_CUTOFFS)),
      new Family("success", false, toDouble(CutoffMeasures.SUCCESS_CUTOFFS)),
      new Family("map_cut", false, toDouble(CutoffMeasures.DEFAULT_CUTOFFS)),
      new Family("ndcg_cut", false, toDouble(CutoffMeasures.DEFAULT_CUTOFFS)),
      new Family("unj", false, toDouble(CutoffMeasures.UNJUDGED_CUTOFFS)),
      new Family("iprec_at_recall", true, InterpolatedMeasures.RECALL_LEVELS),
      new Family("Rprec_mult", true, CutoffMeasures.RPREC_MULTIPLES));

  private static final List<String> FIXED = List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret",
      "map", "gm_map", "Rprec", "bpref", "recip_rank", "relstring", "infAP", "gm_bpref", "utility", "11pt_avg",
      "binG", "G", "dcg", "ideal_dcg", "ndcg", "ndcg_rel", "Rndcg", "set_P", "set_relative_P", "set_recall",
      "set_map", "set_F", "num_nonrel_judged_ret", "rbp", "rbp_resid");

  private static final Map<String, String> BY_LOWER = new LinkedHashMap<>();

  private static final List<Alias> ALIASES = List.of(
      new Alias(Pattern.compile("ndcg@(\\d+)"), "ndcg_cut_"),
      new Alias(Pattern.compile("(?:p|prec|precision)@(\\d+)"), "P_"),
      new Alias(Pattern.compile("(?:r|recall)@(\\d+)"), "recall_"),
      new Alias(Pattern.compile("(?:map|ap)@(\\d+)"), "map_cut_"),
      new Alias(Pattern.compile("(?:success|hit|hits)@(\\d+)"), "success_"));

  private static final Map<String, String> WORD_ALIASES = Map.of(
      "mrr", "recip_rank", "rr", "recip_rank", "ap", "map", "r-prec", "Rprec", "r-precision", "Rprec",
      "rprecision", "Rprec");

  private record Alias(Pattern pattern, String prefix) {}

  static {
    for (String f : FIXED) {
      BY_LOWER.put(f.toLowerCase(Locale.ROOT), f);
    }
    for (Family f : FAMILIES) {
      BY_LOWER.put(f.name().toLowerCase(Locale.ROOT), f.name());
    }
  }

  private MeasureCatalog() {}

  /**
   * The measures named by {@code specs}, expanded and de-duplicated in order (first wins).
   *
   * @param numDocsInCollection trec_eval -N, used by utility's fourth coefficient
   * @throws InputException on an unknown name or a bad parameter
   */
  public static List<Measure> resolve(List<String> specs, long numDocsInCollection) {
    Map<String, Measure> out = new LinkedHashMap<>();
    for (String spec : specs) {
      for (Measure m : resolve(spec, numDocsInCollection)) {
        out.putIfAbsent(m.name(), m);
      }
    }
    return List.copyOf(out.values());
  }

  /** The measures named by one spec; throws {@link InputException} when it is not a retrieval measure. */
  public static List<Measure> resolve(String spec, long numDocsInCollection) {
    MeasureSpec s = MeasureSpec.parse(spec);
    return lookup(s, numDocsInCollection, true).orElseThrow(() -> InputException.of(
        "unknown retrieval measure '" + s.base() + "'", DidYouMean.expected(s.base(), suggestions())));
  }

  /**
   * The single measure of {@code spec} when its name is a retrieval measure (not a family or
   * nickname), else empty. Throws {@link InputException} for a retrieval name with bad parameters.
   */
  static Optional<Measure> single(String spec, long numDocsInCollection) {
    // Decide on the bare name first: another family's parameters are not ours to judge.
    if (lookup(MeasureSpec.parse(MetricName.baseOf(spec)), numDocsInCollection, false).isEmpty()) {
      return Optional.empty();
    }
    MeasureSpec s = MeasureSpec.parse(spec);
    return lookup(s, numDocsInCollection, false).map(l -> l.get(0));
  }

  /** Canonical names offered in "did you mean" messages. */
  public static Set<String> suggestions() {
    Set<String> names = new TreeSet<>(FIXED);
    for (Family f : FAMILIES) {
      names.add(f.name());
      for (double d : f.defaults()) {
        names.add(familyName(f, d));
      }
    }
    names.addAll(NICKNAMES.keySet());
    names.addAll(List.of("ndcg@10", "p@10", "recall@100", "map@10", "success@1", "mrr"));
    return names;
  }

  /** Base names a suite may use, for {@link dev.assay.core.ScorerProvider#names()}. */
  static Set<String> scorerNames() {
    Set<String> names = new TreeSet<>(FIXED);
    names.removeAll(Set.of("runid", "num_q", "relstring"));
    for (Family f : FAMILIES) {
      for (double d : f.defaults()) {
        names.add(familyName(f, d));
      }
    }
    names.addAll(List.of("ndcg@10", "p@10", "recall@100", "map@10", "success@1", "mrr"));
    return names;
  }

  private static Optional<List<Measure>> lookup(MeasureSpec s, long numDocs, boolean allowGroups) {
    String base = s.base();
    String lower = base.toLowerCase(Locale.ROOT);
    List<String> nick = NICKNAMES.get(lower);
    if (nick != null) {
      if (!allowGroups) {
        return Optional.empty();
      }
      s.allowOnly(Set.of("level"), base);
      List<Measure> out = new ArrayList<>();
      for (String name : nick) {
        out.addAll(expand(name, s, numDocs));
      }
      return Optional.of(out);
    }
    String canonical = canonicalize(lower);
    if (canonical == null) {
      return Optional.empty();
    }
    boolean group = FAMILIES.stream()
        .anyMatch(f -> canonical.equals(f.name()) || canonical.startsWith(f.name() + "."));
    if (group && !allowGroups) {
      return Optional.empty();
    }
    return Optional.of(expand(canonical, s, numDocs));
  }

  /**
   * The canonical spelling of a lower-cased name (an alias resolved, case restored), or null when
   * the name is not a retrieval measure. Family names keep their cutoff text unparsed.
   */
  private static String canonicalize(String lower) {
    String word = WORD_ALIASES.get(lower);
    if (word != null) {
      return word;
    }
    for (Alias a : ALIASES) {
      Matcher m = a.pattern().matcher(lower);
      if (m.matches()) {
        return a.prefix() + m.group(1);
      }
    }
    String exact = BY_LOWER.get(lower);
    if (exact != null) {
      return exact;
    }
    for (Family f : FAMILIES) {
      String prefix = f.name().toLowerCase(Locale.ROOT);
      // A cutoff is a number: recall_macro is another family's name, not a bad recall cutoff.
      boolean cutoff = lower.startsWith(prefix + "_") && lower.length() > prefix.length() + 1
          && Character.isDigit(lower.charAt(prefix.length() + 1));
      if (cutoff || lower.startsWith(prefix + ".")) {
        return f.name() + lower.substring(prefix.length());
      }
    }
    return null;
  }

  private static List<Measure> expand(String canonical, MeasureSpec s, long numDocs) {
    for (Family f : FAMILIES) {
      if (canonical.equals(f.name())) {
        List<Measure> out = new ArrayList<>();
        for (double d : f.defaults()) {
          out.add(familyMember(f, d, s));
        }
        return out;
      }
      if (canonical.startsWith(f.name() + ".")) {
        List<Measure> out = new ArrayList<>();
        for (String part : canonical.substring(f.name().length() + 1).split(",", -1)) {
          out.add(familyMember(f, cutoff(f, part, s.text()), s));
        }
        return out;
      }
      if (canonical.startsWith(f.name() + "_")) {
        return List.of(familyMember(f, cutoff(f, canonical.substring(f.name().length() + 1), s.text()), s));
      }
    }
    return List.of(fixed(canonical, s, numDocs));
  }

  private static double cutoff(Family f, String text, String spec) {
    try {
      if (f.fractional()) {
        double x = Double.parseDouble(text);
        if (Double.isFinite(x) && x >= 0 && !text.endsWith("d") && !text.endsWith("f")) {
          return x;
        }
      } else {
        long k = Long.parseLong(text);
        if (k > 0) {
          return k;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InputException.of("bad cutoff '" + text + "' in metric '" + spec + "'",
        f.fractional() ? "a number >= 0, e.g. " + f.name() + "_0.10" : "a positive integer, e.g. " + f.name() + "_10");
  }

  private static String familyName(Family f, double d) {
    return f.name() + "_" + (f.fractional() ? CutoffMeasures.twoDecimals(d) : Long.toString((long) d));
  }

  private static Measure familyMember(Family f, double d, MeasureSpec s) {
    long k = (long) d;
    String name = familyName(f, d) + s.suffix();
    Set<String> allowed = f.name().equals("ndcg_cut") ? Set.of("level", "gains") : Set.of("level");
    s.allowOnly(allowed, f.name());
    Measure m = switch (f.name()) {
      case "P" -> CutoffMeasures.precision(k);
      case "recall" -> CutoffMeasures.recall(k);
      case "success" -> CutoffMeasures.success(k);
      case "relative_P" -> CutoffMeasures.relativePrecision(k);
      case "map_cut" -> CutoffMeasures.mapCut(k);
      case "unj" -> CutoffMeasures.unjudged(k);
      case "ndcg_cut" -> GainMeasures.ndcgCut(k, gains(s), name);
      case "iprec_at_recall" -> InterpolatedMeasures.iprecAtRecall(d);
      case "Rprec_mult" -> CutoffMeasures.rprecMult(d);
      default -> throw new IllegalStateException(f.name());
    };
    return withLevel(m, s, name);
  }

  private static Measure fixed(String canonical, MeasureSpec s, long numDocs) {
    String name = canonical + s.suffix();
    Set<String> allowed = new LinkedHashSet<>(List.of("level"));
    if (GRADED.contains(canonical)) {
      allowed.add("gains");
    }
    switch (canonical) {
      case "rbp" -> allowed.addAll(List.of("p", "gains"));
      case "rbp_resid" -> allowed.add("p");
      case "utility" -> allowed.addAll(List.of("a", "b", "c", "d"));
      case "set_F" -> allowed.add("x");
      case "runid", "num_q", "relstring" -> allowed.clear();
      default -> { }
    }
    s.allowOnly(allowed, canonical);
    Measure m = switch (canonical) {
      case "runid" -> Measure.runId();
      case "num_q" -> Measure.numQ();
      case "relstring" -> RankMeasures.relString();
      case "num_ret" -> CountMeasures.numRet();
      case "num_rel" -> CountMeasures.numRel();
      case "num_rel_ret" -> CountMeasures.numRelRet();
      case "num_nonrel_judged_ret" -> CountMeasures.numNonrelJudgedRet();
      case "map" -> RankMeasures.map();
      case "gm_map" -> RankMeasures.gmMap();
      case "Rprec" -> RankMeasures.rprec();
      case "bpref" -> RankMeasures.bpref();
      case "gm_bpref" -> RankMeasures.gmBpref();
      case "recip_rank" -> RankMeasures.recipRank();
      case "infAP" -> RankMeasures.infAP();
      case "binG" -> RankMeasures.binG();
      case "11pt_avg" -> InterpolatedMeasures.elevenPointAverage();
      case "set_P" -> SetMeasures.precision();
      case "set_recall" -> SetMeasures.recall();
      case "set_relative_P" -> SetMeasures.relativePrecision();
      case "set_map" -> SetMeasures.map();
      case "set_F" -> SetMeasures.f(s.real("x", 1.0, 0, Double.POSITIVE_INFINITY, true), name);
      case "utility" -> SetMeasures.utility(
          s.real("a", 1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false),
          s.real("b", -1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false),
          s.real("c", 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false),
          s.real("d", 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false), numDocs, name);
      case "ndcg" -> GainMeasures.ndcg(gains(s), name);
      case "dcg" -> GainMeasures.dcg(gains(s), name);
      case "ideal_dcg" -> GainMeasures.idealDcg(gains(s), name);
      case "ndcg_rel" -> GainMeasures.ndcgRel(gains(s), name);
      case "Rndcg" -> GainMeasures.rndcg(gains(s), name);
      case "G" -> GainMeasures.g(gains(s), name);
      case "rbp" -> GainMeasures.rbp(s.real("p", 0.9, 0, 1, true), gains(s), name);
      case "rbp_resid" -> GainMeasures.rbpResidual(s.real("p", 0.9, 0, 1, true), name);
      default -> throw new IllegalStateException(canonical);
    };
    return withLevel(m, s, name);
  }

  private static Measure withLevel(Measure m, MeasureSpec s, String name) {
    int level = s.integer("level", 0, 1);
    return level == 0 ? m.named(name) : m.atLevel(level, name);
  }

  private static GainSpec gains(MeasureSpec s) {
    String g = s.string("gains");
    return g == null ? GainSpec.DEFAULT : GainSpec.parse(g, s.text());
  }

  private static double[] toDouble(long[] xs) {
    double[] d = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      d[i] = xs[i];
    }
    return d;
  }
}
