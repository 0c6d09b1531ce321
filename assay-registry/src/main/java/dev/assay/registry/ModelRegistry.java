package dev.assay.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.Store;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.io.InputFiles;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model registry as a service (docs/registry.md): register versions, set policies, promote on
 * the evidence (or override, recorded), roll back, read history. The CLI and the server call it
 * alike; nothing here prints. Give it an audited store and registry so that every change is logged.
 */
public final class ModelRegistry {
  /** Free metadata of a version; any field may be null. */
  public record Metadata(String description, String sourceCommit, String artifactUri) {
    public static final Metadata NONE = new Metadata(null, null, null);
  }

  /**
   * The result of a promotion request.
   *
   * @param promotion what the policy says
   * @param move the alias move made, or null when the promotion was refused
   */
  public record PromotionResult(Promotion promotion, AliasMove move) {
    public boolean moved() {
      return move != null;
    }
  }

  private final Store store;
  private final Registry registry;
  private final CurrentSuite.Source suites;
  private final Clock clock;
  private final Actor actor;

  public ModelRegistry(Store store, Registry registry, CurrentSuite.Source suites, Clock clock, Actor actor) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.suites = Objects.requireNonNull(suites, "suites");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.actor = Objects.requireNonNull(actor, "actor");
  }

  /**
   * Registers the system of a stored run as the model's next version, creating the model when it is
   * new. The source commit defaults to the run's.
   *
   * @param policyFile a promotion policy to set with it, or null
   */
  public ModelVersion registerRun(String model, String runRef, Metadata meta, Path policyFile) {
    RunRecord run = RunRefs.resolve(store, runRef);
    String commit = meta.sourceCommit() != null ? meta.sourceCommit()
        : run.lineage() == null ? null : run.lineage().gitCommit();
    return register(model, run.system(), run.contentHash(), run.runId(),
        new Metadata(meta.description(), commit, meta.artifactUri()), policyFile);
  }

  /**
   * Registers a system of a suite as the model's next version: the system is created (not called)
   * to learn the hash of the content it depends on.
   */
  public ModelVersion registerSuiteSystem(String model, Path suiteFile, String system, Metadata meta,
      Path policyFile, Plugins plugins, Path workingDirectory, Map<String, String> env) {
    Suite suite = new SuiteLoader(plugins).load(suiteFile);
    SystemSpec spec = suite.system(system).orElseThrow(() -> new InputException(suiteFile, 0, "--system",
        "no system '" + system + "' in the suite",
        DidYouMean.expected(system, suite.systems().stream().map(SystemSpec::name).toList())));
    String content;
    try (SystemUnderTest sut = plugins.system(spec, PluginContext.standalone(workingDirectory, env)
        .forSuite(suite.file()))) {
      content = sut.contentHash();
    }
    return register(model, spec, content, null, meta, policyFile);
  }

  private ModelVersion register(String model, SystemSpec spec, String contentHash, String sourceRun, Metadata meta,
      Path policyFile) {
    checkName(model, "model");
    PromotionPolicy checked = policyFile == null ? null : PromotionPolicy.read(policyFile);
    if (registry.model(model).isEmpty()) {
      registry.createModel(new Model(model, clock.instant(), actor.name(), null));
    }
    for (ModelVersion v : registry.versions(model)) {
      if (v.specHash().equals(spec.hash()) && Objects.equals(v.contentHash(), contentHash)) {
        throw InputException.of("version " + v.number() + " of model '" + model + "' is this system already (same "
            + "spec and content hash)", "a changed system, or assay models show " + model);
      }
    }
    ModelVersion stored = registry.addVersion(new ModelVersion(model, 0, clock.instant(), actor.name(), spec,
        contentHash, meta.description(), meta.sourceCommit(), meta.artifactUri(), sourceRun));
    if (checked != null) {
      storePolicy(model, policyFile);
    }
    return stored;
  }

  /** Sets (a new revision of) a model's promotion policy from a file, checked first. */
  public PolicyRecord setPolicy(String model, Path file) {
    requireModel(model);
    PromotionPolicy.read(file);
    return storePolicy(model, file);
  }

  private PolicyRecord storePolicy(String model, Path file) {
    String text = InputFiles.readText(file, file.toString(), "a promotion policy (YAML)", 1 << 20);
    return registry.setPolicy(new PolicyRecord(model, 0, clock.instant(), actor.name(), text,
        file.toAbsolutePath().normalize().toString()));
  }

  public Model requireModel(String name) {
    return registry.model(name).orElseThrow(() -> InputException.of("unknown model '" + name + "'",
        DidYouMean.expected(name, registry.models().stream().map(Model::name).toList())));
  }

  /** A version by number ({@code 2}) or by the alias that holds it ({@code champion}). */
  public ModelVersion resolve(String model, String versionOrAlias) {
    requireModel(model);
    Integer n = versionOrAlias.matches("\\d{1,9}") ? Integer.valueOf(versionOrAlias)
        : registry.aliases(model).get(versionOrAlias);
    if (n == null) {
      throw InputException.of("model '" + model + "' has no version or alias '" + versionOrAlias + "'",
          "a version number or one of its aliases: " + registry.aliases(model).keySet());
    }
    return registry.version(model, n).orElseThrow(() -> InputException.of("model '" + model + "' has no version "
        + n, "a version from assay models show " + model));
  }

  /** What the policy says about moving {@code alias} to {@code version}, without moving it. */
  public Promotion evaluate(String model, int version, String alias) {
    checkName(alias, "alias");
    ModelVersion candidate = resolve(model, Integer.toString(version));
    Integer holderNumber = registry.aliases(model).get(alias);
    ModelVersion holder = holderNumber == null ? null : registry.version(model, holderNumber).orElse(null);
    return new PromotionEvaluator(store, suites, clock).evaluate(registry.policy(model).orElse(null), candidate,
        alias, holder);
  }

  /**
   * Moves {@code alias} to {@code version} when the stored verdicts satisfy the policy. With an
   * override reason, moves it anyway and records the override (admins only); a promotion the
   * policy allows is recorded as a promotion even when an override was asked for.
   *
   * @param overrideReason null for no override
   * @throws NotAllowedException when an override is asked by someone who is not an admin
   */
  public PromotionResult promote(String model, int version, String alias, String overrideReason) {
    Promotion p = evaluate(model, version, alias);
    if (p.holder() != null && p.holder() == version) {
      throw InputException.of("version " + version + " of model '" + model + "' holds '" + alias + "' already",
          "another version, or assay models rollback " + model + " --alias " + alias);
    }
    if (overrideReason != null && overrideReason.isBlank()) {
      throw InputException.of("an override needs a reason", "--reason TEXT saying why the evidence is not needed");
    }
    AliasMove.Kind kind;
    if (p.allowed()) {
      kind = AliasMove.Kind.PROMOTION;
    } else if (overrideReason != null) {
      if (!actor.admin()) {
        throw new NotAllowedException(actor.name() + " may not override the promotion policy of '" + model + "'");
      }
      kind = AliasMove.Kind.OVERRIDE;
    } else {
      return new PromotionResult(p, null);
    }
    ObjectNode detail = p.toJson();
    AliasMove move = new AliasMove(RunIds.next(), model, alias, p.holder(), version, kind, clock.instant(),
        actor.name(), kind == AliasMove.Kind.OVERRIDE ? overrideReason.strip() : null,
        kind == AliasMove.Kind.PROMOTION ? p.evidence() : List.of(), detail);
    move(move);
    return new PromotionResult(p, move);
  }

  /**
   * Moves {@code alias} back to the version that held it before its current holder. Rollbacks
   * unwind: after v1, v2, v3 were promoted, two rollbacks lead to v2, then v1.
   *
   * @throws InputException when the alias has no earlier holder to go back to
   */
  public AliasMove rollback(String model, String alias, String reason) {
    requireModel(model);
    checkName(alias, "alias");
    Integer holder = registry.aliases(model).get(alias);
    Deque<Integer> holders = new ArrayDeque<>();
    for (AliasMove m : registry.aliasHistory(model)) {
      if (!m.alias().equals(alias)) {
        continue;
      }
      if (m.kind() == AliasMove.Kind.ROLLBACK) {
        if (!holders.isEmpty()) {
          holders.pop();
        }
      } else {
        holders.push(m.to());
      }
    }
    if (holder == null || holders.size() < 2) {
      throw InputException.of("alias '" + alias + "' of model '" + model + "' has no earlier holder to go back to",
          "assay models history " + model + " to see its moves");
    }
    holders.pop();
    int previous = holders.peek();
    ObjectNode detail = dev.assay.core.Json.object();
    detail.put("rolled_back_version", holder);
    AliasMove move = new AliasMove(RunIds.next(), model, alias, holder, previous, AliasMove.Kind.ROLLBACK,
        clock.instant(), actor.name(), reason == null || reason.isBlank() ? null : reason.strip(), List.of(), detail);
    move(move);
    return move;
  }

  private void move(AliasMove move) {
    try {
      registry.moveAlias(move);
    } catch (IllegalStateException e) {
      throw InputException.of("alias '" + move.alias() + "' of model '" + move.model() + "' moved while this "
          + "request was judged: " + e.getMessage(), "the same command again, judged against the new holder");
    }
  }

  private static void checkName(String name, String what) {
    if (!Model.validName(name)) {
      throw InputException.of("invalid " + what + " name '" + name + "'", Model.NAME_RULE);
    }
  }
}
