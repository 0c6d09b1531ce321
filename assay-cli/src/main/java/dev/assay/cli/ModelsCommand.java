package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.TerminalText;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.Promotion;
import dev.assay.registry.RegistryJson;
import dev.assay.registry.audit.AuditedStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay models register|list|show|policy|promote|rollback|history}: the model registry (docs/registry.md). */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Register model versions, set promotion policies, promote on the evidence, roll back, and show "
        + "the history of every alias.",
    subcommands = {ModelsCommand.Register.class, ModelsCommand.ListModels.class, ModelsCommand.Show.class,
        ModelsCommand.Policy.class, ModelsCommand.Promote.class, ModelsCommand.Rollback.class,
        ModelsCommand.History.class})
final class ModelsCommand implements Callable<Integer> {
  ModelsCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command",
        "assay models register | list | show | policy | promote | rollback | history");
  }

  static String esc(Object text) {
    return TerminalText.escape(String.valueOf(text));
  }

  static String shortHash(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
  }

  /** One alias move as a line: when, alias, from -> to, who, and its evidence or reason. */
  static String move(AliasMove m) {
    String what = switch (m.kind()) {
      case PROMOTION -> "promoted on the evidence of " + String.join(", ", m.evidence());
      case OVERRIDE -> "OVERRIDE: " + esc(m.reason());
      case ROLLBACK -> "rolled back" + (m.reason() == null ? "" : ": " + esc(m.reason()));
    };
    return String.format(Locale.ROOT, "%s  %-10s %s -> %d  by %s  %s", HumanTime.of(m.at()), esc(m.alias()),
        m.from() == null ? "(none)" : Integer.toString(m.from()), m.to(), esc(m.actor()), what);
  }

  @Command(name = "register", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Register a system (from a run, or from a suite) as the model's next version; the model is "
          + "created on its first version.")
  static final class Register implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model's name.")
    String name;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Register the system of this run (id or unique prefix).")
    String run;

    @Option(names = "--suite", paramLabel = "SUITE.yaml", description = "Register a system of this suite (with --system).")
    String suite;

    @Option(names = "--system", paramLabel = "NAME", description = "The suite's system to register.")
    String system;

    @Option(names = "--description", paramLabel = "TEXT", description = "What this version is.")
    String description;

    @Option(names = "--commit", paramLabel = "SHA", description = "Its source commit (default: the run's).")
    String commit;

    @Option(names = "--artifact", paramLabel = "URI", description = "Where its artifact lives.")
    String artifact;

    @Option(names = "--policy", paramLabel = "POLICY.yaml", description = "Set the model's promotion policy too.")
    String policy;

    @Mixin FormatOption format = new FormatOption();

    Register(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      if ((run == null) == (suite == null) || (suite == null) != (system == null)) {
        throw InputException.of("give either --run RUN_ID or --suite SUITE.yaml --system NAME",
            "assay models register NAME --run RUN_ID");
      }
      ModelRegistry.Metadata meta = new ModelRegistry.Metadata(description, commit, artifact);
      try (StoreSession s = root.openStore()) {
        ModelRegistry models = s.models();
        ModelVersion v = run != null
            ? models.registerRun(name, run, meta, policy == null ? null : ctx.resolve(policy))
            : models.registerSuiteSystem(name, ctx.resolve(suite), system, meta,
                policy == null ? null : ctx.resolve(policy), Plugins.installed(), ctx.cwd(), ctx.env());
        AuditedStore store = s.audited();
        long runs = store.runs().stream().filter(v::evaluatedBy).count();
        if (format.json()) {
          RunViews.printJson(ctx.out(), RegistryJson.version(v, store.aliases(name), runs));
        } else {
          ctx.out().printf(Locale.ROOT, "registered %s version %d: %s system (spec sha256 %s, content %s), %d run(s)%n",
              esc(name), v.number(), esc(v.system().type()), shortHash(v.specHash()), shortHash(v.contentHash()),
              runs);
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "List the models with their versions, aliases and policy revision.")
  static final class ListModels implements Callable<Integer> {
    private final AssayCommand root;

    @Mixin FormatOption format = new FormatOption();

    ListModels(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        AuditedStore r = s.audited();
        return Listing.of("models", r.models(), m -> RegistryJson.modelSummary(m, r))
            .none("no models registered", false, " (assay models register NAME --run RUN_ID)")
            .table("%-24s  %-8s  %-8s  %s", new String[] {"MODEL", "VERSIONS", "POLICY", "ALIASES"}, m -> {
              StringBuilder aliases = new StringBuilder();
              r.aliases(m.name()).forEach((a, n) -> aliases.append(aliases.length() == 0 ? "" : ", ").append(a)
                  .append('=').append(n));
              return new Object[] {esc(m.name()), r.versions(m.name()).size(),
                  r.policy(m.name()).map(p -> "rev " + p.revision()).orElse("none"), esc(aliases)};
            })
            .print(ctx, format);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Show a model: its policy, versions (spec, content hash, runs) and aliases.")
  static final class Show implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String name;

    @Mixin FormatOption format = new FormatOption();

    Show(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        Model m = s.models().requireModel(name);
        AuditedStore r = s.audited();
        List<RunRecord> runs = r.runs();
        Map<String, Integer> aliases = r.aliases(name);
        List<ModelVersion> versions = r.versions(name);
        PolicyRecord policy = r.policy(name).orElse(null);
        if (format.json()) {
          ObjectNode o = RegistryJson.model(m, r, runs);
          RunViews.printJson(ctx.out(), o);
          return ExitCode.OK;
        }
        PrintWriter out = ctx.out();
        out.printf(Locale.ROOT, "model %s, registered %s by %s%n", esc(m.name()), HumanTime.of(m.createdAt()), esc(m.actor()));
        if (m.description() != null) {
          out.println("  " + esc(m.description()));
        }
        out.println(policy == null ? "policy: none (assay models policy " + esc(name) + " POLICY.yaml)"
            : "policy: revision " + policy.revision() + " from " + esc(policy.source()) + ", set " + HumanTime.of(policy.setAt())
                + " by " + esc(policy.actor()));
        out.printf(Locale.ROOT, "%-7s  %-20s  %-12s  %-12s  %-12s  %-5s  %s%n", "VERSION", "REGISTERED", "TYPE",
            "SPEC", "CONTENT", "RUNS", "ALIASES");
        for (ModelVersion v : versions) {
          StringBuilder held = new StringBuilder();
          aliases.forEach((a, n) -> {
            if (n == v.number()) {
              held.append(held.length() == 0 ? "" : ", ").append(a);
            }
          });
          out.printf(Locale.ROOT, "%-7d  %-20s  %-12s  %-12s  %-12s  %-5d  %s%n", v.number(),
              HumanTime.of(v.createdAt()), esc(v.system().type()), shortHash(v.specHash()),
              shortHash(v.contentHash()), runs.stream().filter(v::evaluatedBy).count(), esc(held));
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Set a model's promotion policy from a YAML file (a new revision), or show the current one.")
  static final class Policy implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "POLICY.yaml", description = "The policy to set.")
    String file;

    @Mixin FormatOption format = new FormatOption();

    Policy(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        PolicyRecord p;
        if (file != null) {
          p = s.models().setPolicy(name, ctx.resolve(file));
          ctx.err().println("set policy revision " + p.revision() + " of model " + esc(name));
        } else {
          s.models().requireModel(name);
          p = s.audited().policy(name).orElseThrow(() -> InputException.of("model '" + name + "' has no policy",
              "assay models policy " + name + " POLICY.yaml"));
        }
        if (format.json()) {
          ObjectNode o = Json.object();
          o.put("model", name);
          o.put("revision", p.revision());
          o.put("set_at", p.setAt().toString());
          o.put("set_by", p.actor());
          o.put("source", p.source());
          o.put("text", p.text());
          o.set("policy", dev.assay.registry.PromotionPolicy.of(p).toJson());
          RunViews.printJson(ctx.out(), o);
        } else {
          ctx.out().printf(Locale.ROOT, "# policy of %s, revision %d (%s, %s)%n", esc(name), p.revision(),
              esc(p.source()), HumanTime.of(p.setAt()));
          ctx.out().print(TerminalText.escapeKeepingLayout(p.text()));
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Move an alias to a version when the stored verdicts satisfy the model's policy; exit 1 "
          + "listing each missing or failing requirement otherwise. --override --reason moves it anyway, recorded "
          + "as an override.")
  static final class Promote implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version to promote.")
    int version;

    @Option(names = "--to", required = true, paramLabel = "ALIAS", description = "The alias, e.g. champion.")
    String alias;

    @Option(names = "--override", description = "Move the alias even without the evidence (needs --reason).")
    boolean override;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the override is justified (recorded).")
    String reason;

    @Mixin FormatOption format = new FormatOption();

    Promote(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      if (override && reason == null) {
        throw InputException.of("--override needs --reason", "--reason TEXT saying why the evidence is not needed");
      }
      if (!override && reason != null) {
        throw InputException.of("--reason goes with --override", "--override --reason TEXT, or neither");
      }
      ModelRegistry.PromotionResult result;
      try (StoreSession s = root.openStore()) {
        result = s.models().promote(name, version, alias, override ? reason : null);
      }
      Promotion p = result.promotion();
      if (format.json()) {
        RunViews.printJson(ctx.out(), RegistryJson.promotion(result));
      } else {
        printPromotion(ctx.out(), p);
        if (result.moved()) {
          ctx.out().printf(Locale.ROOT, "%s: %s now points at version %d (%s)%n", esc(name), esc(alias), version,
              result.move().kind() == AliasMove.Kind.OVERRIDE ? "OVERRIDE recorded: " + esc(reason)
                  : "promotion, evidence " + String.join(", ", result.move().evidence()));
        } else {
          ctx.out().printf(Locale.ROOT, "refused: %s stays at %s (%d requirement(s) not met)%n", esc(alias),
              p.holder() == null ? "no version" : "version " + p.holder(), p.unmet().size());
          if (p.policyRevision() == 0) {
            ctx.out().println("  " + esc(p.unmet().get(0)));
          }
        }
      }
      return result.moved() ? ExitCode.OK : ExitCode.GATE_FAIL;
    }

    static void printPromotion(PrintWriter out, Promotion p) {
      out.printf(Locale.ROOT, "promote %s@%d to %s (held by %s)%n", esc(p.model()), p.version(), esc(p.alias()),
          p.holder() == null ? "no version" : "version " + p.holder());
      if (p.policyRevision() > 0 && !p.governed()) {
        out.println("  the policy does not govern this alias: no evidence required");
      }
      for (Promotion.Outcome o : p.outcomes()) {
        out.printf(Locale.ROOT, "  [%s] %s: %s%n", o.met() ? "met" : "NOT MET", esc(o.requirement().written()),
            esc(o.reason()));
        o.stale().forEach(x -> out.println("      not counted: " + esc(x)));
      }
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Move an alias back to the version that held it before its current holder.")
  static final class Rollback implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String name;

    @Option(names = "--alias", required = true, paramLabel = "ALIAS", description = "The alias, e.g. champion.")
    String alias;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded).")
    String reason;

    @Mixin FormatOption format = new FormatOption();

    Rollback(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      AliasMove m;
      try (StoreSession s = root.openStore()) {
        m = s.models().rollback(name, alias, reason);
      }
      if (format.json()) {
        RunViews.printJson(ctx.out(), RegistryJson.move(m));
      } else {
        ctx.out().printf(Locale.ROOT, "%s: %s rolled back from version %d to version %d%n", esc(name), esc(alias),
            m.from(), m.to());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Every alias move of a model, oldest first, with its evidence (verdict ids) or override reason.")
  static final class History implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String name;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Only this alias.")
    String alias;

    @Mixin FormatOption format = new FormatOption();

    History(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      List<AliasMove> moves;
      try (StoreSession s = root.openStore()) {
        s.models().requireModel(name);
        moves = s.audited().aliasHistory(name).stream().filter(m -> alias == null || m.alias().equals(alias)).toList();
      }
      return Listing.of("moves", moves, RegistryJson::move).head(Json.object().put("model", name))
          .none("no alias of model " + esc(name) + " has moved yet", false).lines(ModelsCommand::move)
          .print(ctx, format);
    }
  }
}
