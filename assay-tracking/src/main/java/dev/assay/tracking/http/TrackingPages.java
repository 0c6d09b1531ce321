package dev.assay.tracking.http;

import static dev.assay.server.ui.Layout.a;
import static dev.assay.server.ui.Layout.q;
import static dev.assay.server.ui.Layout.t;
import static dev.assay.server.ui.Layout.when;

import dev.assay.report.Format;
import dev.assay.report.Plots;
import dev.assay.server.Problem;
import dev.assay.server.Role;
import dev.assay.server.RouteGroup;
import dev.assay.server.RouteTable;
import dev.assay.server.ServerContext;
import dev.assay.tracking.Experiment;
import dev.assay.tracking.KeyValue;
import dev.assay.tracking.Metric;
import dev.assay.tracking.Run;
import dev.assay.tracking.RunInfo;
import dev.assay.tracking.RunStatus;
import dev.assay.tracking.Search;
import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.ViewType;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The web UI's pages over MLflow tracking data, beside the evaluation runs: the experiments with
 * their run counts, an experiment's runs, and one tracking run with its params, tags, latest metrics
 * and each metric's history plotted (the report module's SVG {@link Plots#line}).
 *
 * <p>Invariants: read-only (MLflow clients write through {@link MlflowRoutes}); every route needs the
 * viewer role and is registered through the server's {@link RouteTable}, so it has the same
 * authentication, Host/Origin checks and error pages as every other page; every name, value and key
 * is escaped. What a page lists is bounded ({@link #LIST_LIMIT} experiments or runs, {@link
 * #PLOTTED_METRICS} plots of at most {@link #HISTORY_LIMIT} values each) and the page says when it
 * left something out. Unknown or malformed ids are 404 problems.
 */
public final class TrackingPages implements RouteGroup {
  /** Experiments, or runs of one experiment, a page lists; also where run counts stop counting. */
  static final int LIST_LIMIT = 1000;
  /** Metrics of one run that get a history plot. */
  static final int PLOTTED_METRICS = 100;
  /** Values of one metric's history a plot draws. */
  static final int HISTORY_LIMIT = 10_000;
  /** Latest metrics the runs table shows per run. */
  static final int METRICS_IN_LIST = 3;
  static final String NAV = "/experiments";

  private static final Pattern EXPERIMENT_ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

  private final TrackingStore store;
  private ServerContext server;

  public TrackingPages(TrackingStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void register(RouteTable routes, ServerContext server) {
    this.server = server;
    server.addNav(NAV, "Experiments");
    routes.get(NAV, Role.VIEWER, this::experimentsPage);
    routes.get(NAV + "/{experiment_id}", Role.VIEWER, this::experimentPage);
    routes.get(NAV + "/{experiment_id}/runs/{run_id}", Role.VIEWER, this::runPage);
  }

  private void experimentsPage(Context ctx) {
    List<Experiment> experiments = store.searchExperiments(
        new Search.ExperimentQuery(List.of(), ViewType.ACTIVE_ONLY, List.of(), 0, LIST_LIMIT + 1));
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"muted\">MLflow experiments logged to this server's tracking API (<code>MLFLOW_TRACKING_URI")
        .append("</code>, docs/mlflow.md). Evaluation runs are under <a href=\"/\">Runs</a>.</p>\n");
    b.append("<table class=\"experiments sortable\" id=\"experiments\"><thead><tr><th data-sort=\"num\">Id</th>")
        .append("<th data-sort=\"text\">Experiment</th><th data-sort=\"num\">Runs</th>")
        .append("<th data-sort=\"text\">Created</th><th data-sort=\"text\">Last update</th></tr></thead><tbody>\n");
    for (Experiment e : experiments.subList(0, Math.min(LIST_LIMIT, experiments.size()))) {
      long runs = store.countRuns(e.id(), ViewType.ACTIVE_ONLY);
      b.append("<tr><td class=\"n\">").append(t(e.id())).append("</td><td><a href=\"").append(a(NAV + "/" + q(e.id())))
          .append("\">").append(t(e.name())).append("</a></td><td class=\"n\">")
          .append(runs).append("</td><td>")
          .append(t(when(millis(e.creationTime())))).append("</td><td>").append(t(when(millis(e.lastUpdateTime()))))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    if (experiments.size() > LIST_LIMIT) {
      b.append("<p class=\"muted\">The first ").append(LIST_LIMIT).append(" experiments are shown.</p>\n");
    }
    server.page(ctx, "Experiments", NAV, b.toString());
  }

  private void experimentPage(Context ctx) {
    Experiment e = experiment(ctx.pathParam("experiment_id"));
    List<Run> runs = runsOf(e.id(), LIST_LIMIT + 1);
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"kv\"><tr><th>Experiment</th><td>").append(t(e.id())).append("</td></tr>")
        .append("<tr><th>Created</th><td>").append(t(when(millis(e.creationTime())))).append("</td></tr>");
    for (KeyValue tag : e.tags()) {
      b.append("<tr><th>").append(t(tag.key())).append("</th><td>").append(t(tag.value())).append("</td></tr>");
    }
    b.append("</table>\n<h2>Runs</h2>\n");
    if (runs.isEmpty()) {
      b.append("<p class=\"muted\">No runs yet: <code>mlflow.start_run()</code> with <code>MLFLOW_TRACKING_URI</code> ")
          .append("pointing at this server logs one.</p>\n");
    } else {
      b.append("<table class=\"runs sortable\" id=\"tracking-runs\"><thead><tr><th data-sort=\"text\">Run</th>")
          .append("<th data-sort=\"text\">Status</th><th data-sort=\"text\">Started</th><th data-sort=\"text\">User</th>")
          .append("<th>Metrics <span class=\"muted\">(latest values)</span></th></tr></thead><tbody>\n");
      for (Run r : runs.subList(0, Math.min(LIST_LIMIT, runs.size()))) {
        RunInfo i = r.info();
        b.append("<tr><td><a href=\"").append(a(runPath(i))).append("\">").append(t(i.runName().isEmpty()
            ? i.runId() : i.runName())).append("</a></td><td>").append(statusBadge(i.status())).append("</td><td>")
            .append(t(when(millis(i.startTime())))).append("</td><td>").append(t(user(r))).append("</td><td>");
        List<Metric> metrics = r.metrics();
        for (int k = 0; k < Math.min(METRICS_IN_LIST, metrics.size()); k++) {
          b.append(k == 0 ? "" : ", ").append(t(metrics.get(k).key())).append(' ')
              .append(t(Format.num(metrics.get(k).value())));
        }
        if (metrics.size() > METRICS_IN_LIST) {
          b.append(" <span class=\"muted\">+").append(metrics.size() - METRICS_IN_LIST).append(" more</span>");
        }
        b.append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
      if (runs.size() > LIST_LIMIT) {
        b.append("<p class=\"muted\">The latest ").append(LIST_LIMIT).append(" runs are shown.</p>\n");
      }
    }
    server.page(ctx, "Experiment " + e.name(), NAV, b.toString());
  }

  private void runPage(Context ctx) {
    Experiment e = experiment(ctx.pathParam("experiment_id"));
    String runId = ctx.pathParam("run_id");
    Run run = (RUN_ID.matcher(runId).matches() ? store.run(runId) : java.util.Optional.<Run>empty())
        .filter(r -> r.info().experimentId().equals(e.id()))
        .orElseThrow(() -> Problem.notFound("no tracking run " + runId + " in experiment " + e.id()));
    RunInfo i = run.info();
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"kv\" id=\"run-info\"><tr><th>Run</th><td>").append(t(i.runId())).append("</td></tr>")
        .append("<tr><th>Experiment</th><td><a href=\"").append(a(NAV + "/" + q(e.id()))).append("\">")
        .append(t(e.name())).append("</a></td></tr>")
        .append("<tr><th>Status</th><td>").append(statusBadge(i.status()))
        .append(i.stage() == dev.assay.tracking.LifecycleStage.DELETED ? " <b>deleted</b>" : "").append("</td></tr>")
        .append("<tr><th>User</th><td>").append(t(user(run))).append("</td></tr>")
        .append("<tr><th>Started</th><td>").append(t(when(millis(i.startTime())))).append("</td></tr>")
        .append("<tr><th>Ended</th><td>").append(i.endTime() == null ? "" : t(when(millis(i.endTime()))))
        .append("</td></tr></table>\n");
    b.append("<h2>Params</h2>\n").append(keyValues("params", run.params(), "No params."));
    b.append("<h2>Metrics</h2>\n");
    if (run.metrics().isEmpty()) {
      b.append("<p class=\"muted\">No metrics.</p>\n");
    } else {
      b.append("<table class=\"metrics\" id=\"metrics\"><thead><tr><th>Metric</th><th>Latest</th><th>Step</th>")
          .append("<th>Logged</th></tr></thead><tbody>\n");
      for (Metric m : run.metrics()) {
        b.append("<tr><td><a href=\"#metric-").append(a(m.key())).append("\">").append(t(m.key()))
            .append("</a></td><td class=\"n\">").append(t(Format.num(m.value()))).append("</td><td class=\"n\">")
            .append(m.step()).append("</td><td>").append(t(when(millis(m.timestamp())))).append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
      List<Metric> plotted = run.metrics().subList(0, Math.min(PLOTTED_METRICS, run.metrics().size()));
      for (Metric m : plotted) {
        b.append("<figure class=\"history\" id=\"metric-").append(a(m.key())).append("\">")
            .append(historyPlot(i.runId(), m.key())).append("</figure>\n");
      }
      if (run.metrics().size() > PLOTTED_METRICS) {
        b.append("<p class=\"muted\">The histories of the first ").append(PLOTTED_METRICS)
            .append(" metrics are plotted; <code>mlflow.MlflowClient().get_metric_history</code> reads the others.</p>\n");
      }
    }
    b.append("<h2>Tags</h2>\n").append(keyValues("tags", run.tags(), "No tags."));
    server.page(ctx, "Tracking run " + (i.runName().isEmpty() ? i.runId() : i.runName()), NAV, b.toString());
  }

  /**
   * A metric's history over its steps; a history whose values all share one step (clients that give
   * no step log 0) is drawn over the order logged instead, or it would be a vertical stack.
   */
  private String historyPlot(String runId, String key) {
    List<Metric> history = store.metricHistory(runId, key, 0, HISTORY_LIMIT + 1);
    boolean cut = history.size() > HISTORY_LIMIT;
    List<Metric> shown = cut ? history.subList(0, HISTORY_LIMIT) : history;
    boolean bySteps = shown.stream().mapToLong(Metric::step).distinct().count() > 1;
    double[] xs = new double[shown.size()];
    double[] ys = new double[shown.size()];
    for (int k = 0; k < shown.size(); k++) {
      xs[k] = bySteps ? shown.get(k).step() : k + 1;
      ys[k] = shown.get(k).value();
    }
    String svg = Plots.line(key, bySteps ? "step" : "value number, in the order logged", key, xs, ys);
    return svg + (cut ? "<figcaption class=\"muted\">The first " + HISTORY_LIMIT + " values.</figcaption>" : "");
  }

  private Experiment experiment(String id) {
    return (EXPERIMENT_ID.matcher(id).matches() ? store.experiment(id) : java.util.Optional.<Experiment>empty())
        .orElseThrow(() -> Problem.notFound("no experiment " + id));
  }

  /** Active runs of one experiment, newest first (the store's default order). */
  private List<Run> runsOf(String experimentId, int limit) {
    return store.searchRuns(new Search.RunQuery(List.of(experimentId), List.of(), ViewType.ACTIVE_ONLY, List.of(), 0,
        limit));
  }

  /** Who started a run: its user id, else the {@code mlflow.user} tag MLflow clients set. */
  private static String user(Run r) {
    if (r.info().userId() != null) {
      return r.info().userId();
    }
    return r.tags().stream().filter(kv -> kv.key().equals("mlflow.user")).map(KeyValue::value).findFirst().orElse("");
  }

  private static String runPath(RunInfo i) {
    return NAV + "/" + q(i.experimentId()) + "/runs/" + q(i.runId());
  }

  private static String keyValues(String id, List<KeyValue> kvs, String none) {
    if (kvs.isEmpty()) {
      return "<p class=\"muted\">" + none + "</p>\n";
    }
    StringBuilder b = new StringBuilder("<table class=\"kv\" id=\"" + id + "\">");
    for (KeyValue kv : kvs) {
      b.append("<tr><th>").append(t(kv.key())).append("</th><td>").append(t(kv.value())).append("</td></tr>");
    }
    return b.append("</table>\n").toString();
  }

  /** MLflow's statuses in the colours of the evaluation runs' badges. */
  private static String statusBadge(RunStatus s) {
    String tone = switch (s) {
      case FINISHED -> "completed";
      case FAILED -> "failed";
      case RUNNING -> "running";
      case KILLED -> "aborted";
      case SCHEDULED -> "scheduled";
    };
    return "<span class=\"status " + tone + "\">" + s.name().toLowerCase(java.util.Locale.ROOT) + "</span>";
  }

  private static Instant millis(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis);
  }
}
