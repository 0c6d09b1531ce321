package dev.assay.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.Json;
import dev.assay.core.io.SuiteTree;
import dev.assay.core.io.YamlTreeReader;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.PolicyRecord;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's promotion policy (docs/registry.md): which aliases it governs, the suites whose gates
 * must PASS with the candidate against the alias's current holder, and how fresh that evidence
 * must be.
 *
 * @param aliases the aliases the policy governs; empty for every alias
 * @param requirements at least one
 * @param freshness what makes a verdict current enough to count
 */
public record PromotionPolicy(List<String> aliases, List<Requirement> requirements, Freshness freshness) {
  private static final List<String> KEYS = List.of("aliases", "require", "freshness");
  private static final List<String> REQUIREMENT_KEYS = List.of("suite", "gate", "baseline", "plan");
  private static final List<String> FRESHNESS_KEYS = List.of("runs_after_registration", "current_dataset",
      "max_age");
  private static final String SHAPE = "a YAML mapping with require: (a list of suites) and optional aliases:, freshness:";

  public PromotionPolicy {
    aliases = List.copyOf(aliases);
    requirements = List.copyOf(requirements);
  }

  /** Which baseline a requirement's verdict must have. */
  public enum Baseline {
    /** A run of the version that holds the alias now (any baseline while no version holds it). */
    HOLDER,
    /** Any baseline. */
    ANY
  }

  /**
   * One suite whose gate must PASS.
   *
   * @param suite the suite file, absolute
   * @param written the path as the policy wrote it, for people
   * @param gate a gate file to apply instead of the suite's own gate section, absolute; null for
   *     the suite's gate as it is now
   * @param baseline which baseline counts
   * @param preRegistered whether the verdict must cite a plan made before its runs
   * @param line the requirement's line in the policy
   */
  public record Requirement(Path suite, String written, Path gate, Baseline baseline, boolean preRegistered,
      int line) {
    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("suite", written);
      o.put("gate", gate == null ? "suite" : gate.toString());
      o.put("baseline", baseline.name().toLowerCase(java.util.Locale.ROOT));
      o.put("plan", preRegistered ? "pre_registered" : "any");
      return o;
    }
  }

  /**
   * @param runsAfterRegistration both runs of a verdict must have started after the candidate
   *     version was registered (default true)
   * @param currentDataset the verdict's dataset must be the suite's dataset as it is now (default true)
   * @param maxAge the verdict may be at most this old, or null for any age
   */
  public record Freshness(boolean runsAfterRegistration, boolean currentDataset, Duration maxAge) {
    public static final Freshness DEFAULT = new Freshness(true, true, null);

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("runs_after_registration", runsAfterRegistration);
      o.put("current_dataset", currentDataset);
      o.put("max_age", maxAge == null ? null : Durations.text(maxAge));
      return o;
    }
  }

  /** Whether the policy governs promotions to {@code alias}. */
  public boolean governs(String alias) {
    return aliases.isEmpty() || aliases.contains(alias);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    ArrayNode a = o.putArray("aliases");
    aliases.forEach(a::add);
    ArrayNode r = o.putArray("require");
    requirements.forEach(q -> r.add(q.toJson()));
    o.set("freshness", freshness.toJson());
    return o;
  }

  /** Reads and checks a policy file; errors name the file, line and field. */
  public static PromotionPolicy read(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return build(YamlTreeReader.read(file, "promotion policy", SHAPE), file.toString(), absolute.getParent());
  }

  /** The stored policy, read as it was checked when it was set (paths relative to its file's folder). */
  public static PromotionPolicy of(PolicyRecord stored) {
    Path source = Path.of(stored.source());
    return build(YamlTreeReader.parse(stored.text(), source, "promotion policy", SHAPE), stored.source(),
        source.getParent());
  }

  private static PromotionPolicy build(YamlTreeReader.YamlTree tree, String file, Path folder) {
    SuiteTree t = new SuiteTree(file, tree.lines());
    ObjectNode root = tree.root();
    t.onlyKeys(root, "", "", KEYS);
    List<String> aliases = new ArrayList<>();
    JsonNode a = root.get("aliases");
    if (a != null) {
      if (!a.isArray()) {
        throw t.wrong("/aliases", "aliases", a, "a list of alias names, e.g. [champion]");
      }
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (!v.isTextual() || !Model.validName(v.textValue())) {
          throw t.wrong("/aliases/" + i, "aliases", v, "an alias name: " + Model.NAME_RULE);
        }
        aliases.add(v.textValue());
      }
    }
    JsonNode req = root.get("require");
    if (req == null) {
      throw t.error("", "require", "missing", "a list of the suites whose gates must PASS: require: [{suite: S.yaml}]");
    }
    if (!req.isArray() || req.isEmpty()) {
      throw t.wrong("/require", "require", req, "a non-empty list of {suite: S.yaml, gate:, baseline:, plan:}");
    }
    List<Requirement> requirements = new ArrayList<>();
    for (int i = 0; i < req.size(); i++) {
      requirements.add(requirement(req.get(i), "/require/" + i, "require[" + (i + 1) + "]", t, folder));
    }
    return new PromotionPolicy(aliases, requirements, freshness(root, t));
  }

  private static Requirement requirement(JsonNode node, String pointer, String field, SuiteTree t, Path folder) {
    if (!node.isObject()) {
      throw t.wrong(pointer, field, node, "a mapping {suite: S.yaml, gate:, baseline:, plan:}");
    }
    ObjectNode o = (ObjectNode) node;
    t.onlyKeys(o, pointer, field, REQUIREMENT_KEYS);
    String suite = t.string(o, pointer + "/suite", field + ".suite");
    if (suite == null) {
      throw t.error(pointer, field + ".suite", "missing", "the suite file, relative to the policy's folder");
    }
    String gate = t.string(o, pointer + "/gate", field + ".gate");
    String baseline = t.string(o, pointer + "/baseline", field + ".baseline");
    if (baseline != null && !List.of("holder", "any").contains(baseline)) {
      throw t.error(pointer + "/baseline", field + ".baseline", "unknown baseline '" + baseline + "'",
          DidYouMean.expected(baseline, List.of("holder", "any")));
    }
    String plan = t.string(o, pointer + "/plan", field + ".plan");
    if (plan != null && !List.of("any", "pre_registered").contains(plan)) {
      throw t.error(pointer + "/plan", field + ".plan", "unknown plan requirement '" + plan + "'",
          DidYouMean.expected(plan, List.of("any", "pre_registered")));
    }
    return new Requirement(path(folder, suite, t, pointer + "/suite", field + ".suite"), suite,
        gate == null || gate.equals("suite") ? null : path(folder, gate, t, pointer + "/gate", field + ".gate"),
        "any".equals(baseline) ? Baseline.ANY : Baseline.HOLDER, "pre_registered".equals(plan), t.line(pointer));
  }

  private static Path path(Path folder, String text, SuiteTree t, String pointer, String field) {
    try {
      return (folder == null ? Path.of(text) : folder.resolve(text)).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw t.error(pointer, field, "not a valid path: " + e.getReason(), "a file path");
    }
  }

  private static Freshness freshness(ObjectNode root, SuiteTree t) {
    ObjectNode f = t.mapping(root, "/freshness", "freshness");
    if (f == null) {
      return Freshness.DEFAULT;
    }
    t.onlyKeys(f, "/freshness", "freshness", FRESHNESS_KEYS);
    Duration maxAge = null;
    JsonNode age = f.get("max_age");
    if (age != null) {
      maxAge = age.isTextual() ? Durations.span(age.textValue()) : null;
      if (maxAge == null) {
        throw t.wrong("/freshness/max_age", "freshness.max_age", age, Durations.SPAN_TEXT);
      }
    }
    return new Freshness(bool(f, "runs_after_registration", t), bool(f, "current_dataset", t), maxAge);
  }

  private static boolean bool(ObjectNode f, String key, SuiteTree t) {
    JsonNode v = f.get(key);
    if (v == null) {
      return true;
    }
    if (!v.isBoolean()) {
      throw t.wrong("/freshness/" + key, "freshness." + key, v, "true or false");
    }
    return v.booleanValue();
  }
}
