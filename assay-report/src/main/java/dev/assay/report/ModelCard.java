package dev.assay.report;

import dev.assay.core.RunRecord;
import dev.assay.core.VerdictRecord;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.Plural;
import dev.assay.gate.RunEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Assembles a model card (Mitchell et al. 2019, "Model Cards for Model Reporting") for one system
 * from its stored runs and the user's {@link CardSpec}: what the runs know (metrics with intervals,
 * slices, datasets with hashes, lineage) comes from the runs; what they cannot know (intended use,
 * out-of-scope use, ethics, caveats) comes from the user and is marked "not provided" when absent.
 */
public final class ModelCard {
  private static final Pattern SAFETY = Pattern.compile("(?i).*(safety|toxic|refus|harm|bias|fair|jailbreak).*");
  private static final String NOT_PROVIDED = "Not provided in the card file.";

  /**
   * A run with the examples behind it and its metrics with intervals.
   *
   * @param estimates the run's value of each metric with its interval ({@link RunEstimate#of})
   */
  public record EvaluatedRun(RunView run, DatasetView data, List<RunEstimate> estimates) {
    public EvaluatedRun {
      estimates = List.copyOf(estimates);
    }
  }

  private ModelCard() {}

  /**
   * The card of {@code system}.
   *
   * @param runs the system's runs, newest first (at least one)
   * @param verdicts the stored gate verdicts with the system as baseline or candidate, newest first
   * @param confidence level of the intervals
   */
  public static CardDocument build(String system, List<EvaluatedRun> runs, List<VerdictRecord> verdicts,
      CardSpec spec, double confidence) {
    return build(system, null, runs, verdicts, spec, confidence,
        v -> system.equals(v.candidateSystem()));
  }

  /**
   * The card of a registered model version (docs/registry.md): as {@link #build(String, List, List,
   * CardSpec, double)}, with a "Registry" section (the version's spec and metadata, the model's
   * current aliases) and the verdicts that involve the version's runs.
   *
   * @param runs the version's runs, newest first (at least one)
   * @param verdicts the stored verdicts with one of those runs as baseline or candidate, newest first
   * @param aliases the model's current aliases and the versions holding them
   */
  public static CardDocument build(ModelVersion version, Map<String, Integer> aliases, List<EvaluatedRun> runs,
      List<VerdictRecord> verdicts, CardSpec spec, double confidence) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    runs.forEach(r -> ids.add(r.run().run().runId()));
    return build(version.label(), registry(version, aliases), runs, verdicts, spec, confidence,
        v -> v.candidateRun() != null && ids.contains(v.candidateRun()));
  }

  private static CardDocument build(String system, List<CardDocument.Block> registry, List<EvaluatedRun> runs,
      List<VerdictRecord> verdicts, CardSpec spec, double confidence,
      java.util.function.Predicate<VerdictRecord> asCandidate) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a card needs at least one run of " + system);
    }
    String name = spec.details().getOrDefault("name", system);
    CardDocument doc = new CardDocument("Model card: " + name);
    doc.section("Model details", details(system, runs, spec));
    if (registry != null) {
      doc.section("Registry", registry);
    }
    doc.section("Intended use", user(spec, "intended_use"));
    doc.section("Out-of-scope use", user(spec, "out_of_scope"));
    doc.section("Factors", factors(runs, spec));
    doc.section("Metrics", metrics(runs, spec));
    doc.section("Evaluation data", evaluationData(runs, spec));
    doc.section("Training data", user(spec, "training_data"));
    doc.section("Quantitative analyses", quantitative(runs, confidence));
    doc.section("Ship decisions", decisions(system, verdicts, asCandidate));
    doc.section("Safety and fairness", safety(runs, confidence));
    doc.section("Ethical considerations", user(spec, "ethical_considerations"));
    doc.section("Caveats and recommendations", caveats(runs, spec));
    doc.section("Lineage", lineage(runs));
    return doc;
  }

  private static List<CardDocument.Block> user(CardSpec spec, String key) {
    List<String> t = spec.section(key);
    if (t.isEmpty()) {
      return List.of(new CardDocument.Paragraph(NOT_PROVIDED));
    }
    return List.of(t.size() == 1 ? new CardDocument.Paragraph(t.get(0)) : new CardDocument.Bullets(t));
  }

  private static List<CardDocument.Block> details(String system, List<EvaluatedRun> runs, CardSpec spec) {
    List<List<String>> rows = new ArrayList<>();
    spec.details().forEach((k, v) -> rows.add(List.of(k, v)));
    RunRecord latest = runs.get(0).run().run();
    rows.add(List.of("system (assay)", system));
    // What the system is, as its latest run declared it; credentials redacted.
    for (String[] r : SystemRows.of(List.of(latest))) {
      rows.add(List.of(r[0], r[1]));
    }
    rows.add(List.of("runs in this card", Integer.toString(runs.size())));
    return List.of(new CardDocument.Table(List.of("field", "value"), rows, "systems"));
  }

  private static List<CardDocument.Block> factors(List<EvaluatedRun> runs, CardSpec spec) {
    List<CardDocument.Block> out = new ArrayList<>(spec.section("factors").isEmpty() ? List.of()
        : List.of(new CardDocument.Bullets(spec.section("factors"))));
    TreeSet<String> keys = new TreeSet<>();
    runs.forEach(r -> keys.addAll(r.data().tagValues().keySet()));
    out.add(new CardDocument.Paragraph(keys.isEmpty()
        ? "The evaluation data carries no tags, so no results by factor are reported."
        : "Results are reported by every tag of the evaluation data: " + String.join(", ", keys) + "."));
    return out;
  }

  private static List<CardDocument.Block> metrics(List<EvaluatedRun> runs, CardSpec spec) {
    List<CardDocument.Block> out = new ArrayList<>(spec.section("metrics").isEmpty() ? List.of()
        : List.of(new CardDocument.Bullets(spec.section("metrics"))));
    TreeSet<String> names = new TreeSet<>();
    runs.forEach(r -> names.addAll(r.run().scores().metrics()));
    out.add(new CardDocument.Paragraph("Metrics measured: " + String.join(", ", names) + ". Each value is the run's "
        + "own value of the metric (a mean, a corpus statistic or a quantile, as the metric defines it); intervals "
        + "are Wilson intervals for 0/1 means and percentile bootstraps of the statistic otherwise (2,000 "
        + "replicates), so they stay inside the range the values can take."));
    return out;
  }

  private static List<CardDocument.Block> evaluationData(List<EvaluatedRun> runs, CardSpec spec) {
    List<CardDocument.Block> out = new ArrayList<>(spec.section("evaluation_data").isEmpty() ? List.of()
        : List.of(new CardDocument.Bullets(spec.section("evaluation_data"))));
    Map<String, List<String>> byHash = new LinkedHashMap<>();
    for (EvaluatedRun r : runs) {
      RunRecord h = r.run().run();
      byHash.putIfAbsent(h.datasetHash(), List.of(String.valueOf(h.datasetPath()), Integer.toString(h.datasetSize()),
          String.valueOf(h.datasetHash()), r.data().available() ? "yes" : "no"));
    }
    out.add(new CardDocument.Table(List.of("dataset", "examples", "sha256", "available now"),
        new ArrayList<>(byHash.values())));
    return out;
  }

  private static List<CardDocument.Block> quantitative(List<EvaluatedRun> runs, double confidence) {
    List<CardDocument.Block> out = new ArrayList<>();
    String level = Format.percent(confidence);
    for (EvaluatedRun r : runs) {
      RunRecord h = r.run().run();
      out.add(new CardDocument.Paragraph("Run " + h.runId() + " on " + h.datasetPath() + " (" + HumanTime.of(h.startedAt()) + "):"));
      List<List<String>> rows = new ArrayList<>();
      for (RunEstimate e : r.estimates()) {
        rows.add(List.of(e.metric().name(), e.metric().kind().wire(), Integer.toString(e.n()), Format.num(e.value()),
            Format.interval(e.ci())));
      }
      out.add(new CardDocument.Table(List.of("metric", "statistic", "n", "value", level + " interval"), rows));
      String primary = h.metrics().stream().filter(m -> !r.run().scores().idsWithValue(m).isEmpty()).findFirst()
          .orElse(null);
      if (primary != null && r.data().available()) {
        Slices.Result sliced = Slices.of(r.data(), r.run(), null, primary, confidence);
        List<SliceRow> slices = sliced.rows();
        if (!slices.isEmpty()) {
          List<List<String>> srows = new ArrayList<>();
          slices.forEach(s -> srows.add(List.of(s.label(), Integer.toString(s.baseline().n()),
              Format.num(s.baseline().value()), Format.interval(s.baseline().ci()), s.baseline().method())));
          out.add(new CardDocument.Paragraph("By slice, " + primary + " (" + Intervals.describe(false) + "):"));
          out.add(new CardDocument.Table(List.of("slice", "n", "mean", level + " interval", "method"), srows));
          List<String> left = new ArrayList<>();
          sliced.keys().stream().filter(k -> k.omittedValues() > 0).forEach(k -> left.add(k.omittedValues()
              + " smaller slices of " + k.key() + " (" + Plural.of(k.omittedExamples(), "example") + ")"));
          left.addAll(sliced.notSliced());
          if (!left.isEmpty()) {
            out.add(new CardDocument.Paragraph("Not shown: " + String.join("; ", left) + "."));
          }
        }
      } else if (!r.data().available()) {
        out.add(new CardDocument.Paragraph("Slices: " + r.data().note()));
      }
    }
    return out;
  }

  /** The version's registry record (spec with credentials redacted, hashes, provenance) and the model's aliases. */
  private static List<CardDocument.Block> registry(ModelVersion v, Map<String, Integer> aliases) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", v.model()));
    rows.add(List.of("version", Integer.toString(v.number())));
    rows.add(List.of("registered", HumanTime.of(v.createdAt()) + " by " + v.actor()));
    List<String> held = new ArrayList<>();
    aliases.forEach((alias, number) -> {
      if (number == v.number()) {
        held.add(alias);
      }
    });
    rows.add(List.of("aliases held", held.isEmpty() ? "none" : String.join(", ", held)));
    rows.add(List.of("system spec (credentials redacted)", SystemRows.redacted(v.system().toJson()).toString()));
    rows.add(List.of("spec sha256", v.specHash()));
    rows.add(List.of("content sha256", v.contentHash() == null ? "none (the spec says it all)" : v.contentHash()));
    if (v.description() != null) {
      rows.add(List.of("description", v.description()));
    }
    if (v.sourceCommit() != null) {
      rows.add(List.of("source commit", v.sourceCommit()));
    }
    if (v.artifactUri() != null) {
      rows.add(List.of("artifact", v.artifactUri()));
    }
    if (v.sourceRun() != null) {
      rows.add(List.of("registered from run", v.sourceRun()));
    }
    List<List<String>> current = new ArrayList<>();
    aliases.forEach((alias, number) -> current.add(List.of(alias, v.model() + "@" + number)));
    List<CardDocument.Block> out = new ArrayList<>();
    out.add(new CardDocument.Table(List.of("field", "value"), rows));
    out.add(new CardDocument.Paragraph(current.isEmpty() ? "The model has no aliases yet."
        : "Current aliases of the model:"));
    if (!current.isEmpty()) {
      out.add(new CardDocument.Table(List.of("alias", "held by"), current));
    }
    return out;
  }

  private static List<CardDocument.Block> decisions(String system, List<VerdictRecord> verdicts,
      java.util.function.Predicate<VerdictRecord> asCandidate) {
    if (verdicts.isEmpty()) {
      return List.of(new CardDocument.Paragraph("No gate verdict involves " + system + " yet: assay gate SUITE.yaml "
          + "or assay compare BASE CAND --gate G.yaml records one."));
    }
    List<List<String>> rows = new ArrayList<>();
    for (VerdictRecord v : verdicts) {
      String role = asCandidate.test(v) ? "candidate" : "baseline";
      String other = role.equals("candidate") ? v.baselineSystem() + " (" + v.baselineSource() + ")"
          : v.candidateSystem() + " (" + v.candidateSource() + ")";
      rows.add(List.of(HumanTime.of(v.createdAt()), v.verdict().name(), role, String.valueOf(other),
          String.valueOf(v.suiteName()), v.planStatus().replace('_', ' '), v.id()));
    }
    return List.of(new CardDocument.Table(List.of("when", "verdict", "as", "against", "suite", "plan", "verdict id"),
        rows));
  }

  private static List<CardDocument.Block> safety(List<EvaluatedRun> runs, double confidence) {
    List<List<String>> rows = new ArrayList<>();
    for (EvaluatedRun r : runs) {
      for (RunEstimate e : r.estimates()) {
        if (SAFETY.matcher(e.metric().name()).matches()) {
          rows.add(List.of(r.run().run().runId(), e.metric().name(), Integer.toString(e.n()), Format.num(e.value()),
              Format.interval(e.ci())));
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of(new CardDocument.Paragraph("No safety or fairness metric was measured in these runs."));
    }
    return List.of(new CardDocument.Table(List.of("run", "metric", "n", "value", Format.percent(confidence)
        + " interval"), rows));
  }

  private static List<CardDocument.Block> caveats(List<EvaluatedRun> runs, CardSpec spec) {
    List<String> items = new ArrayList<>(spec.section("caveats"));
    items.addAll(spec.section("recommendations"));
    for (EvaluatedRun r : runs) {
      RunRecord h = r.run().run();
      if (h.counts().error() > 0) {
        items.add("Run " + h.runId() + ": " + h.counts().error() + " of " + h.counts().total()
            + " results ended in an error and carry no scores.");
      }
      if (r.run().scores().size() < 100) {
        items.add("Run " + h.runId() + " rests on " + r.run().scores().size()
            + " examples: intervals are wide and small differences cannot be detected.");
      }
    }
    return items.isEmpty() ? List.of(new CardDocument.Paragraph(NOT_PROVIDED)) : List.of(new CardDocument.Bullets(items));
  }

  private static List<CardDocument.Block> lineage(List<EvaluatedRun> runs) {
    List<RunRecord> headers = runs.stream().map(r -> r.run().run()).toList();
    List<String[]> rows = LineageRows.of(headers);
    List<String> head = new ArrayList<>();
    head.add("");
    headers.forEach(h -> head.add("run"));
    List<List<String>> out = new ArrayList<>();
    rows.forEach(r -> out.add(List.of(r)));
    return List.of(new CardDocument.Table(head, out, "lineage"));
  }
}
