package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.text.TerminalText;
import dev.assay.monitor.ab.OfflineOnline;
import dev.assay.monitor.data.Tables;
import dev.assay.report.Format;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay ab correlate FILE}: Kendall's tau between offline estimates and online deltas. */
@Command(name = "correlate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Does the offline evaluation predict online impact? Kendall's tau with an interval.")
final class AbCorrelateCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "FILE", description = "One row per version: .jsonl or .csv.")
  String file;

  @Option(names = "--version-column", defaultValue = "version", paramLabel = "COL", description = "Default: ${DEFAULT-VALUE}.")
  String version;

  @Option(names = "--offline", defaultValue = "offline", paramLabel = "COL",
      description = "The offline estimate column (default: ${DEFAULT-VALUE}).")
  String offline;

  @Option(names = "--online", defaultValue = "online", paramLabel = "COL",
      description = "The online A/B delta column (default: ${DEFAULT-VALUE}).")
  String online;

  @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL", description = "Default: ${DEFAULT-VALUE}.")
  double confidence;

  @Mixin
  FormatOption format;

  AbCorrelateCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    if (!(confidence >= 0.5 && confidence <= 0.9999)) {
      throw InputException.of("--confidence " + confidence + " is out of range", "0.5 to 0.9999");
    }
    OfflineOnline r = OfflineOnline.read(Tables.open(ctx.resolve(file), file, List.of(version, offline, online)),
        version, offline, online, confidence);
    if (format.json()) {
      var o = Json.object();
      o.put("versions", r.versions().size());
      o.put("kendall_tau_b", r.tau().tau());
      o.put("p_value", r.tau().pValue());
      if (r.tau().interval() != null) {
        o.put("lower", r.tau().interval().lower());
        o.put("upper", r.tau().interval().upper());
        o.put("interval", "fieller-hartley-pearson");
      }
      o.put("confidence", confidence);
      ctx.out().println(o.toPrettyString());
    } else {
      ctx.out().println(r.versions().size() + " versions: Kendall's tau-b = " + Format.num(r.tau().tau())
          + (r.tau().interval() == null ? " (no interval below 5 versions)"
          : " " + Format.interval(r.tau().interval())) + ", p = " + Format.num(r.tau().pValue()));
      ctx.out().println(TerminalText.escape(verdictLine(r)));
    }
    return ExitCode.OK;
  }

  private static String verdictLine(OfflineOnline r) {
    if (r.tau().interval() == null) {
      return "too few versions to say whether offline results predict online impact";
    }
    if (r.tau().interval().lower() > 0) {
      return "offline results rank versions as online results do (the interval excludes 0)";
    }
    return "the data cannot show that offline results predict online impact (the interval includes 0)";
  }
}
