package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.engine.SuiteExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay run SUITE.yaml [--system NAME]... | --resume RUN_ID}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Run a suite's systems over its dataset and store the runs. Exits 5 when a run failed "
        + "(more failed examples than max_error_rate allows).")
final class RunCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE.yaml", description = "The suite to run.")
  String suite;

  @Option(names = "--system", paramLabel = "NAME", description = "Run only this system (repeatable).")
  List<String> systems = new ArrayList<>();

  @Option(names = "--resume", paramLabel = "RUN_ID",
      description = "Finish an interrupted run (its id or a unique prefix); no suite is needed.")
  String resume;

  @Mixin CacheOption cache = new CacheOption();
  @Mixin FormatOption format = new FormatOption();
  @Mixin ServerOption server = new ServerOption();

  RunCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    if ((suite == null) == (resume == null)) {
      throw InputException.of("give either a suite file or --resume RUN_ID", "assay run SUITE.yaml | assay run --resume RUN_ID");
    }
    CliContext ctx = root.ctx();
    List<RunRecord> runs = new ArrayList<>();
    dev.assay.server.client.RunPush pusher = server.given() ? server.pusher(ctx) : null;
    try (StoreSession session = root.openStore(); AbortOnSignal abort = AbortOnSignal.install();
        LivePush live = pusher == null ? null : new LivePush(pusher, session.store(), ctx)) {
      SuiteExecution exec = session.execution(live);
      if (resume != null) {
        runs.add(exec.resume(dev.assay.core.RunRefs.resolve(session.store(), resume).runId(), cache.useCache()));
      } else {
        runs.addAll(exec.run(ctx.resolve(suite), systems, cache.useCache()));
      }
      print(ctx, runs, format.format);
      abort.done();
    }
    return runs.stream().anyMatch(r -> r.status() == RunStatus.FAILED) ? ExitCode.RUN_FAILED : ExitCode.OK;
  }

  static void print(CliContext ctx, List<RunRecord> runs, OutputFormat format) {
    if (format == OutputFormat.json) {
      ObjectNode node = Json.object();
      node.set("runs", RunViews.summaries(runs));
      RunViews.printJson(ctx.out(), node);
    } else {
      runs.forEach(r -> RunViews.printText(ctx.out(), r));
    }
  }
}
