package dev.assay.cli;

import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.TerminalText;
import dev.assay.monitor.ab.AbAnalysis;
import dev.assay.monitor.ab.AbConfig;
import dev.assay.monitor.ab.AbReadout;
import dev.assay.monitor.data.Tables;
import dev.assay.monitor.render.AbHtml;
import dev.assay.monitor.render.AbJson;
import dev.assay.monitor.render.AbText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay ab analyze EVENTS --config ab.yaml}: exit 0 PASS, 1 FAIL, 3 INCONCLUSIVE (or SRM), 2 input error. */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Read out an A/B experiment from one row per unit; exit 0 PASS, 1 FAIL, 3 INCONCLUSIVE.",
        "A sample-ratio mismatch withholds the verdict (INCONCLUSIVE)."})
final class AbAnalyzeCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "EVENTS", description = "A .jsonl, .csv or .parquet file, one row per unit.")
  String events;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "ab.yaml: variants, split, metrics, rules.")
  String config;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML readout.")
  String html;

  @Mixin
  FormatOption format;

  AbAnalyzeCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    AbConfig cfg = AbConfig.read(ctx.resolve(config));
    AbReadout r = new AbAnalysis(cfg).analyze(Tables.open(ctx.resolve(events), events, cfg.columns()));
    if (html != null) {
      Path file = ctx.resolve(html);
      AtomicFiles.write(file, AbHtml.render(r));
      ctx.err().println("wrote " + TerminalText.escape(file.toString()));
    }
    if (format.json()) {
      ctx.out().println(AbJson.of(r).toPrettyString());
    } else {
      AbText.print(r, ctx.out());
    }
    return r.verdict().exitCode();
  }
}
