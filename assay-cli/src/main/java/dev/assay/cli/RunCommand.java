package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.engine.SuiteExecution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay run SUITE.yaml [--system NAME]... | --resume RUN_ID}. */
@Command(name = "run", description = "Run a suite's systems over its dataset and store the runs.")
final class RunCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE.yaml", description = "The suite to run.")
  String suite;

  @Option(names = "--system", paramLabel = "NAME", description = "Run only this system (repeatable).")
  List<String> systems = new ArrayList<>();

  @Option(names = "--resume", paramLabel = "RUN_ID", description = "Finish an interrupted run.")
  String resume;

  @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
  boolean noCache;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  RunCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    if ((suite == null) == (resume == null)) {
      throw InputException.of("give either a suite file or --resume RUN_ID", "assay run SUITE.yaml | assay run --resume RUN_ID");
    }
    CliContext ctx = root.ctx();
    try (StoreSession session = root.openStore(); AbortOnSignal abort = AbortOnSignal.install()) {
      SuiteExecution exec = new SuiteExecution(session.store(), session.cache(), Plugins.load(),
          new ProgressListener(ctx), ctx.clock(), ctx.cwd());
      List<RunRecord> runs = new ArrayList<>();
      if (resume != null) {
        runs.add(exec.resume(resume, !noCache));
      } else {
        Path file = ctx.resolve(suite);
        runs.addAll(exec.run(file, systems, !noCache));
      }
      print(ctx, runs);
      abort.done();
    }
    return ExitCode.OK;
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

  private void print(CliContext ctx, List<RunRecord> runs) {
    print(ctx, runs, format);
  }
}
