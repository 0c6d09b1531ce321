package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.InputException;
import dev.assay.core.MetricApplicability;
import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.Gate;
import dev.assay.gate.GateLoader;
import dev.assay.core.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay plan SUITE.yaml --hypothesis "..."}: pre-registers a hypothesis by freezing it with
 * the gate's hash and the dataset's hash in a plan kept in the store (so it travels with the store).
 * Later verdicts on the same data and gate say "pre-registered" when the plan preceded their runs.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Pre-register a hypothesis: freeze it with the gate and the dataset hash in "
    + "a plan, before the runs. Later gate verdicts say whether they were pre-registered or post hoc.")
final class PlanCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "SUITE.yaml", description = "The suite whose dataset and gate are frozen.")
  String suite;

  @Option(names = "--hypothesis", required = true, paramLabel = "TEXT",
      description = "The claim the gate will test, in words.")
  String hypothesis;

  @Option(names = "--gate", paramLabel = "G.yaml", description = "A gate file instead of the suite's gate section.")
  String gate;

  @Mixin FormatOption format = new FormatOption();

  PlanCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    if (hypothesis.isBlank()) {
      throw InputException.of("--hypothesis is blank", "the claim the gate will test, in words");
    }
    Path file = ctx.resolve(suite);
    Suite s = new SuiteLoader(Plugins.installed()).load(file);
    Gate g = gate != null ? GateLoader.fromFile(ctx.resolve(gate)) : GateLoader.fromSuite(s).orElseThrow(() ->
        new InputException(file, 0, "gate", "the suite has no gate section", "a gate: section, or --gate G.yaml"));
    Dataset data = DatasetLoader.load(s.dataset());
    // A plan frozen on metrics that cannot score its dataset could never be run.
    MetricApplicability.check(Plugins.installed(), s.metrics(), data, file.toString());
    Plan plan = Plan.create(ctx.clock().instant(), hypothesis, suite, s.hash(), data.hash(), g.hash(), g.source());
    String store;
    try (StoreSession session = root.openStore()) {
      session.store().putDataset(data);
      session.store().savePlan(plan);
      store = session.location();
    }
    if (format.json()) {
      ObjectNode json = plan.toJson();
      json.put("store", store);
      RunViews.printJson(ctx.out(), json);
    } else {
      ctx.out().println("plan " + plan.hash());
      ctx.out().println("  created     " + HumanTime.of(plan.createdAt()));
      ctx.out().println("  hypothesis  " + TerminalText.escape(plan.hypothesis()));
      ctx.out().println("  gate        sha256 " + plan.gateHash() + " (" + TerminalText.escape(g.source()) + ")");
      ctx.out().println("  dataset     sha256 " + plan.datasetHash() + " (" + Plural.of(data.size(), "example") + ")");
      ctx.out().println("  suite       sha256 " + plan.suiteHash());
    }
    ctx.err().println("stored plan " + plan.shortHash() + " in " + dev.assay.core.text.TerminalText.escape(store));
    return ExitCode.OK;
  }
}
