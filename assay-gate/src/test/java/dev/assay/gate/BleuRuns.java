package dev.assay.gate;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs scored by the real BLEU scorer, built so that the mean of sentence BLEU and corpus BLEU
 * disagree on the sign of the difference: the baseline copies the short references and garbles the
 * long ones, the candidate the other way round. Sentence means weigh every example alike (many short
 * ones: the baseline wins); the corpus statistic weighs n-grams (the long ones: the candidate wins).
 */
final class BleuRuns {
  static final Scorer BLEU = Plugins.installed().scorer("bleu",
      dev.assay.core.PluginContext.standalone(java.nio.file.Path.of("").toAbsolutePath(), Map.of()));

  final List<Example> examples = new ArrayList<>();
  final List<String> baselineOutputs = new ArrayList<>();
  final List<String> candidateOutputs = new ArrayList<>();
  final Map<String, Map<String, Score>> baseline = new LinkedHashMap<>();
  final Map<String, Map<String, Score>> candidate = new LinkedHashMap<>();

  /**
   * @param shortOnes examples with 4-word references
   * @param longOnes examples with 30-word references
   */
  BleuRuns(int shortOnes, int longOnes) {
    for (int i = 0; i < shortOnes + longOnes; i++) {
      boolean isShort = i < shortOnes;
      String id = String.format("s%03d", i);
      String reference = sentence(i, isShort ? 4 : 30, false);
      String garbled = sentence(i, isShort ? 4 : 30, true);
      add(id, reference, isShort ? reference : garbled, isShort ? garbled : reference);
    }
  }

  private void add(String id, String reference, String base, String cand) {
    Example e = Example.of(id, "translate " + id, reference);
    examples.add(e);
    baselineOutputs.add(base);
    candidateOutputs.add(cand);
    baseline.put(id, score(e, base));
    candidate.put(id, score(e, cand));
  }

  private static Map<String, Score> score(Example e, String output) {
    try {
      return BLEU.score(e, Output.text(output));
    } catch (InterruptedException x) {
      throw new IllegalStateException(x);
    }
  }

  /** Words unique to example i; garbled replaces every other word, which kills its 2- to 4-grams. */
  private static String sentence(int i, int words, boolean garbled) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < words; j++) {
      if (j > 0) {
        sb.append(' ');
      }
      sb.append(garbled && j % 2 == 1 ? "zz" + i + "x" + j : "w" + i + "y" + j);
    }
    return sb.toString();
  }

  RunScores baselineTable() {
    return Tables.typed("base", baseline);
  }

  RunScores candidateTable() {
    return Tables.typed("cand", candidate);
  }

  /** The corpus value as 'assay run' and 'assay score text' compute it: the metric over the scores in order. */
  static double corpus(Map<String, Map<String, Score>> side) {
    return BLEU.metrics().get(0).value(side.values().stream().map(m -> m.get("bleu")).toList());
  }

  static double sentenceMean(Map<String, Map<String, Score>> side) {
    return side.values().stream().mapToDouble(m -> m.get("bleu").value()).average().orElseThrow();
  }

  /** The sentence values alone (no statistics), as a score file of sentence BLEU holds them. */
  static Map<String, Map<String, Double>> sentences(Map<String, Map<String, Score>> side) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    side.forEach((id, m) -> out.put(id, Map.of("bleu", m.get("bleu").value())));
    return out;
  }
}
