package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.Gate;
import dev.assay.gate.Plan;
import dev.assay.gate.PlanRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay plan SUITE.yaml --hypothesis "..."}: pre-registers a hypothesis by freezing it with
 * the gate's hash and the dataset's hash in a plan file of the store ({@code plans/<hash>.json}).
 * Later verdicts on the same data and gate say "pre-registered" when the plan preceded their runs.
 */
@Command(name = "plan", description = "Pre-register a hypothesis: freeze it with the gate and the dataset hash in "
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

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

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
    Suite s = new SuiteLoader(Plugins.load()).load(file);
    Gate g = GateCommand.loadGate(ctx, file, gate);
    Dataset data = DatasetLoader.load(s.dataset());
    Plan plan = Plan.create(ctx.clock().instant(), hypothesis, suite, s.hash(), data.hash(), g.hash(), g.source());
    Path saved;
    try (StoreSession session = root.openStore()) {
      saved = PlanRegistry.beside(session.file()).save(plan);
    }
    if (format == OutputFormat.json) {
      ObjectNode json = plan.toJson();
      json.put("file", saved.toString());
      RunViews.printJson(ctx.out(), json);
    } else {
      ctx.out().println("plan " + plan.hash());
      ctx.out().println("  created     " + plan.createdAt());
      ctx.out().println("  hypothesis  " + TerminalText.escape(plan.hypothesis()));
      ctx.out().println("  gate        sha256 " + plan.gateHash() + " (" + TerminalText.escape(g.source()) + ")");
      ctx.out().println("  dataset     sha256 " + plan.datasetHash() + " (" + data.size() + " examples)");
      ctx.out().println("  suite       sha256 " + plan.suiteHash());
    }
    ctx.err().println("wrote " + saved);
    return ExitCode.OK;
  }
}
