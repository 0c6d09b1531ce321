package dev.assay.registry.coverage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import dev.assay.gate.Gate;
import dev.assay.gate.GateLoader;
import dev.assay.gate.Rule;
import dev.assay.registry.PromotionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Regression coverage (docs/scorecard.md): the share of behaviours, weighted by criticality, that
 * have at least {@code min_examples} examples in one suite whose gate protects them from
 * regressing, with a {@code non_inferiority} rule (which covers every example of the suite) or a
 * {@code no_regressions} rule whose tag the examples carry.
 *
 * <p>For a model, the suites are those its promotion policy requires: the evidence a promotion
 * needs is what protects the model's behaviours.
 */
public final class Coverage {
  private Coverage() {}

  /**
   * A suite as coverage sees it: its examples and the gate that judges them.
   *
   * @param gate null when the suite has no gate (it then protects nothing)
   */
  public record SuiteScope(String path, String name, Dataset dataset, Gate gate) {}

  /**
   * One behaviour's coverage.
   *
   * @param covered whether some suite protects at least {@code min_examples} of its examples
   * @param suite the suite protecting most of its examples, null when no suite shows it
   * @param examples examples showing the behaviour in that suite
   * @param protectedExamples of those, the examples a protecting rule covers
   * @param rules the protecting rules of that suite that cover some of them
   */
  public record Row(Behaviours.Behaviour behaviour, boolean covered, String suite, int examples,
      int protectedExamples, List<String> rules) {
    public Row {
      rules = List.copyOf(rules);
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("id", behaviour.id());
      o.put("description", behaviour.description());
      o.put("criticality", behaviour.criticality());
      o.put("weight", behaviour.weight());
      o.put("covered", covered);
      o.put("suite", suite);
      o.put("examples", examples);
      o.put("protected_examples", protectedExamples);
      ArrayNode r = o.putArray("rules");
      rules.forEach(r::add);
      return o;
    }
  }

  /**
   * @param rows one per behaviour, in the file's order
   * @param suites the suites looked at
   * @param note why there are none, or null
   */
  public record Report(Behaviours behaviours, List<Row> rows, List<String> suites, String note) {
    public Report {
      rows = List.copyOf(rows);
      suites = List.copyOf(suites);
    }

    public double totalWeight() {
      return rows.stream().mapToDouble(r -> r.behaviour().weight()).sum();
    }

    public double coveredWeight() {
      return rows.stream().filter(Row::covered).mapToDouble(r -> r.behaviour().weight()).sum();
    }

    /** Covered weight over total weight, in [0, 1]. */
    public double share() {
      return coveredWeight() / totalWeight();
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("behaviours_file", behaviours.source());
      o.put("min_examples", behaviours.minExamples());
      o.put("coverage", share());
      o.put("covered_weight", coveredWeight());
      o.put("total_weight", totalWeight());
      ArrayNode s = o.putArray("suites");
      suites.forEach(s::add);
      o.put("note", note);
      ArrayNode a = o.putArray("behaviours");
      rows.forEach(r -> a.add(r.toJson()));
      return o;
    }
  }

  /** Coverage of {@code behaviours} by {@code suites}. */
  public static Report of(Behaviours behaviours, List<SuiteScope> suites, String note) {
    List<Row> rows = new ArrayList<>();
    for (Behaviours.Behaviour b : behaviours.behaviours()) {
      Row best = new Row(b, false, null, 0, 0, List.of());
      for (SuiteScope s : suites) {
        Row r = row(b, s, behaviours.minExamples());
        if (r.examples() > 0 && (best.suite() == null || r.protectedExamples() > best.protectedExamples())) {
          best = r;
        }
      }
      rows.add(best);
    }
    return new Report(behaviours, rows, suites.stream().map(SuiteScope::path).toList(), note);
  }

  private static Row row(Behaviours.Behaviour b, SuiteScope s, int min) {
    List<Example> shown = s.dataset().examples().stream().filter(b::shownBy).toList();
    List<Rule> protecting = s.gate() == null ? List.of() : s.gate().rules().stream()
        .filter(r -> r instanceof Rule.NonInferiority || r instanceof Rule.NoRegressions).toList();
    int guarded = 0;
    List<String> used = new ArrayList<>();
    for (Example e : shown) {
      boolean any = false;
      for (Rule r : protecting) {
        if (r instanceof Rule.NonInferiority || ((Rule.NoRegressions) r).protects(e.tags())) {
          any = true;
          String label = r.label() + (r instanceof Rule.NoRegressions n ? " (tag " + n.tag() + ")" : "");
          if (!used.contains(label)) {
            used.add(label);
          }
        }
      }
      guarded += any ? 1 : 0;
    }
    return new Row(b, guarded >= min, s.name(), shown.size(), guarded, used);
  }

  /** A suite file with its dataset and gate (a gate file instead of its own, when given) as they are now. */
  public static SuiteScope load(Path suiteFile, Path gateFile, Plugins plugins) {
    Suite suite = new SuiteLoader(plugins).load(suiteFile);
    Dataset data = DatasetLoader.load(suite.dataset());
    Gate gate = gateFile != null ? GateLoader.fromFile(gateFile) : GateLoader.fromSuite(suite).orElse(null);
    return new SuiteScope(suiteFile.toString(), suite.name(), data, gate);
  }

  /**
   * Coverage for a model: the suites of its promotion policy.
   *
   * @throws InputException when a suite of the policy cannot be read
   */
  public static Report forModel(Behaviours behaviours, Registry registry, String model, Plugins plugins) {
    PolicyRecord stored = registry.policy(model).orElse(null);
    if (stored == null) {
      return of(behaviours, List.of(), "model '" + model + "' has no promotion policy, so no suite protects it");
    }
    List<SuiteScope> scopes = new ArrayList<>();
    for (PromotionPolicy.Requirement r : PromotionPolicy.of(stored).requirements()) {
      scopes.add(load(r.suite(), r.gate(), plugins));
    }
    return of(behaviours, scopes, null);
  }
}
