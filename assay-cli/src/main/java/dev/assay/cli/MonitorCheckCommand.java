package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.TerminalText;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.drift.DriftConfig;
import dev.assay.monitor.drift.DriftMonitor;
import dev.assay.monitor.metrics.DriftMetrics;
import dev.assay.monitor.metrics.Pushgateway;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.ProfileJson;
import dev.assay.monitor.render.DriftHtml;
import dev.assay.monitor.render.DriftJson;
import dev.assay.monitor.render.DriftText;
import dev.assay.systems.retrieval.MiniLmEmbedder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay monitor check --reference P --current DATA}: exit 0 no drift, 1 drift, 2 input
 * error.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Check current data against a reference profile; exit 0 no drift, 1 drift, 2 input error.",
        "Tests per column by type, Benjamini-Hochberg across all columns, effect-size thresholds per column."})
final class MonitorCheckCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Option(names = "--reference", required = true, paramLabel = "PROFILE", description = "A profile from 'assay monitor profile'.")
  String reference;

  @Option(names = "--current", required = true, paramLabel = "DATA", description = MonitorData.DATA_HELP)
  String current;

  @Option(names = "--config", paramLabel = "FILE", description = "monitor.yaml: q, thresholds, ignored columns.")
  String config;

  @Option(names = "--window", paramLabel = "DURATION", description = "Check each window of this length (15m, 1h, 1d).")
  String window;

  @Option(names = "--timestamp", paramLabel = "COL", description = "The timestamp column of --window.")
  String timestamp;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
  String html;

  @Option(names = "--all", description = "List every finding, not only drifted ones (text output).")
  boolean all;

  @Option(names = "--push", paramLabel = "URL", description = "Push the drift metrics to this Prometheus Pushgateway.")
  String push;

  @Option(names = "--stream", defaultValue = "default", paramLabel = "NAME",
      description = "The stream label of pushed metrics (default: ${DEFAULT-VALUE}).")
  String stream;

  @Mixin
  FormatOption format;

  MonitorCheckCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    CliContext ctx = root.ctx();
    Profile ref = ProfileJson.read(ctx.resolve(reference), reference);
    DriftConfig cfg = config == null ? DriftConfig.standard() : DriftConfig.read(ctx.resolve(config));
    Pushgateway gateway = push == null ? null : new Pushgateway(push);
    StoreSession[] session = {null};
    DriftMonitor.Result result;
    try {
      Table table = MonitorData.open(root, session, current, null);
      result = new DriftMonitor(MiniLmEmbedder::shared).check(ref, table, cfg, MonitorData.windowing(window, timestamp));
    } finally {
      if (session[0] != null) {
        session[0].close();
      }
    }
    if (html != null) {
      Path file = ctx.resolve(html);
      AtomicFiles.write(file, DriftHtml.render(result.reports(), result.reference(), result.currents()));
      ctx.err().println("wrote " + TerminalText.escape(file.toString()));
    }
    if (gateway != null) {
      PrometheusRegistry registry = new PrometheusRegistry();
      DriftMetrics metrics = new DriftMetrics(registry);
      var reports = result.reports();
      metrics.record(stream, reports.get(reports.size() - 1), ctx.clock().instant());
      try {
        gateway.push(registry, "assay_monitor_" + stream);
      } catch (IOException e) {
        throw InputException.of("could not push to " + push + ": " + e.getMessage(), "a reachable Pushgateway");
      }
      ctx.err().println("pushed drift metrics to " + TerminalText.escape(push));
    }
    if (format.json()) {
      ctx.out().println(DriftJson.of(result.reports()).toPrettyString());
    } else {
      DriftText.print(result.reports(), ctx.out(), all);
    }
    return result.drifted() ? ExitCode.GATE_FAIL : ExitCode.OK;
  }

}
