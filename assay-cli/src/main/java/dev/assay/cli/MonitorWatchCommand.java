package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.drift.DriftConfig;
import dev.assay.monitor.drift.DriftMonitor;
import dev.assay.monitor.drift.DriftReport;
import dev.assay.monitor.metrics.DriftMetrics;
import dev.assay.monitor.metrics.MetricsEndpoint;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.ProfileJson;
import dev.assay.systems.retrieval.MiniLmEmbedder;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay monitor watch}: re-check the current data every interval and serve the drift
 * metrics (and the JVM's) at {@code /metrics} for Prometheus to scrape.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Re-check current data every interval and serve Prometheus metrics at /metrics.",
        "Runs until interrupted, or for --checks checks; exits with the last check's code (0 or 1)."})
final class MonitorWatchCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Option(names = "--reference", required = true, paramLabel = "PROFILE", description = "A profile from 'assay monitor profile'.")
  String reference;

  @Option(names = "--current", required = true, paramLabel = "DATA",
      description = "Re-read at every check: " + MonitorData.DATA_HELP)
  String current;

  @Option(names = "--config", paramLabel = "FILE", description = "monitor.yaml.")
  String config;

  @Option(names = "--every", defaultValue = "15m", paramLabel = "DURATION", description = "Interval (default: ${DEFAULT-VALUE}).")
  String every;

  @Option(names = "--checks", defaultValue = "0", paramLabel = "N", description = "Stop after N checks (0: never).")
  int checks;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
      description = "Address of the metrics endpoint (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "9464", paramLabel = "PORT",
      description = "Port of the metrics endpoint, 0 for any (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--stream", defaultValue = "default", paramLabel = "NAME", description = "The stream label.")
  String stream;

  MonitorWatchCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    CliContext ctx = root.ctx();
    Duration interval = MonitorData.duration(every, "--every");
    if (checks < 0) {
      throw InputException.of("--checks must be >= 0", "a number of checks, 0 for no limit");
    }
    if (port < 0 || port > 65535) {
      throw InputException.of("--port " + port + " is out of range", "0 to 65535");
    }
    Profile ref = ProfileJson.read(ctx.resolve(reference), reference);
    DriftConfig cfg = config == null ? DriftConfig.standard() : DriftConfig.read(ctx.resolve(config));
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    DriftMetrics metrics = new DriftMetrics(registry);
    DriftMonitor monitor = new DriftMonitor(MiniLmEmbedder::shared);
    int code = ExitCode.OK;
    try (MetricsEndpoint endpoint = new MetricsEndpoint(registry, host, port)) {
      ctx.err().println("serving metrics at http://" + TerminalText.escape(host) + ":" + endpoint.port() + "/metrics");
      ctx.err().flush();
      for (int n = 1; checks == 0 || n <= checks; n++) {
        StoreSession[] session = {null};
        try {
          Table table = MonitorData.open(root, session, current, null);
          DriftMonitor.Result result = monitor.check(ref, table, cfg, null);
          DriftReport last = result.reports().get(result.reports().size() - 1);
          metrics.record(stream, last, ctx.clock().instant());
          code = result.drifted() ? ExitCode.GATE_FAIL : ExitCode.OK;
          ctx.err().println(HumanTime.of(ctx.clock().instant()) + " check " + n + ": " + (last.drifted()
              ? Plural.of(last.driftedColumns().size(), "finding") + " drifted" : "no drift"));
        } catch (InputException e) {
          // A bad current file in a long-running watch is reported and retried at the next tick.
          ctx.err().println(HumanTime.of(ctx.clock().instant()) + " check " + n + " failed: " + e.render());
          code = ExitCode.INPUT_ERROR;
        } finally {
          if (session[0] != null) {
            session[0].close();
          }
        }
        ctx.err().flush();
        if (checks != 0 && n == checks) {
          break;
        }
        Thread.sleep(interval.toMillis());
      }
    }
    return code;
  }
}
