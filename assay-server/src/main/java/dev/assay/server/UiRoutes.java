package dev.assay.server;

import static dev.assay.server.ui.Layout.a;
import static dev.assay.server.ui.Layout.q;
import static dev.assay.server.ui.Layout.t;
import static dev.assay.server.ui.Layout.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.DatasetInfo;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Plan;
import dev.assay.core.Plugins;
import dev.assay.core.ResultQuery;
import dev.assay.core.ResultStats;
import dev.assay.core.RunPage;
import dev.assay.core.RunQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.RunEstimate;
import dev.assay.gate.Side;
import dev.assay.report.DatasetView;
import dev.assay.report.HtmlPage;
import dev.assay.report.HtmlReport;
import dev.assay.report.ReportInput;
import dev.assay.report.RunView;
import dev.assay.server.ui.Layout;
import dev.assay.store.StoredToken;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web UI: server-rendered pages (no CDN, nothing fetched at run time) over the same services
 * as the REST API, plus two static files. Pages that change state are POST forms carrying the
 * session's CSRF token. Untrusted text (model outputs, dataset text, names) is escaped everywhere;
 * plots are the report module's SVG.
 */
final class UiRoutes {
  /** Results a run may have for its page to show the report sections (metrics with intervals, slices, latency). */
  static final int REPORT_LIMIT = 200_000;
  private static final Map<String, String[]> STATIC = Map.of(
      "/static/assay.js", new String[] {"assay.js", "text/javascript; charset=utf-8"},
      "/static/assay.css", new String[] {"assay.css", "text/css; charset=utf-8"});

  private final ServerContext server;
  private final Store store;
  private final ApiV1 api;
  private final Guard guard;
  private final Sessions sessions;
  private final TokenService tokens;
  private final Map<String, String> reportBodies = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> e) {
      return size() > 16;
    }
  };

  UiRoutes(ServerContext server, ApiV1 api, Guard guard, Sessions sessions, TokenService tokens) {
    this.server = server;
    this.store = server.store();
    this.api = api;
    this.guard = guard;
    this.sessions = sessions;
    this.tokens = tokens;
  }

  void register(RouteTable r) {
    for (Map.Entry<String, String[]> e : STATIC.entrySet()) {
      byte[] body = resource(e.getValue()[0], e.getValue()[0].equals("assay.css"));
      String type = e.getValue()[1];
      r.get(e.getKey(), Role.PUBLIC, ctx -> {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(type);
        ctx.result(body);
      });
    }
    r.get("/login", Role.PUBLIC, this::loginPage);
    r.post("/login", Role.PUBLIC, this::login);
    r.post("/logout", Role.VIEWER, this::logout);
    r.get("/", Role.VIEWER, this::runsPage);
    r.get("/runs/{run_id}", Role.VIEWER, this::runPage);
    r.get("/compare", Role.VIEWER, this::comparePage);
    r.get("/verdicts", Role.VIEWER, this::verdictsPage);
    r.get("/verdicts/{verdict_id}", Role.VIEWER, this::verdictPage);
    r.get("/plans", Role.VIEWER, this::plansPage);
    r.get("/datasets", Role.VIEWER, this::datasetsPage);
    r.get("/tokens", Role.ADMIN, this::tokensPage);
    r.post("/tokens", Role.ADMIN, this::createToken);
    r.post("/tokens/{token_id}/revoke", Role.ADMIN, this::revokeToken);
  }

  private static byte[] resource(String name, boolean withReportCss) {
    try (InputStream in = UiRoutes.class.getResourceAsStream("/dev/assay/server/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return (withReportCss ? HtmlPage.css() + text : text).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void html(Context ctx, String title, String active, String body) {
    Sessions.Session s = guard.ensureSession(ctx);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(Layout.page(title, active, ServerContext.principal(ctx), s.csrf(), body, server.nav()));
  }

  // ---- sign-in ----

  private void loginPage(Context ctx) {
    Sessions.Session s = guard.ensureSession(ctx);
    String next = safeNext(ctx.queryParam("next"));
    StringBuilder b = new StringBuilder();
    if (server.config().auth() == AuthMode.NONE) {
      b.append("<p>Authentication is off: this server listens on loopback only. <a href=\"/\">Go to the runs</a>.</p>");
    } else {
      if ("1".equals(ctx.queryParam("failed"))) {
        b.append("<p class=\"problem\" id=\"login-error\">That token is not valid.</p>");
      }
      b.append("<form method=\"post\" action=\"/login\" class=\"login\">").append(Layout.csrfField(s.csrf()))
          .append("<input type=\"hidden\" name=\"next\" value=\"").append(a(next)).append("\">")
          .append("<label>API token <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required>")
          .append("</label> <button type=\"submit\" id=\"sign-in\">Sign in</button></form>")
          .append("<p class=\"muted\">Ask an admin for a token: <code>assay tokens create --name NAME --role viewer</code>.</p>");
    }
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(Layout.page("Sign in", Layout.SIGN_IN, null, s.csrf(), b.toString()));
  }

  private void login(Context ctx) {
    String next = safeNext(ctx.formParam("next"));
    Principal p = tokens == null ? null : tokens.authenticate(ctx.formParam("token")).orElse(null);
    if (p == null) {
      ctx.redirect("/login?failed=1&next=" + q(next), io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    Sessions.Session old = ctx.attribute(Guard.SESSION);
    if (old != null) {
      sessions.close(old.id());
    }
    Sessions.Session fresh = sessions.open(p);
    guard.setCookie(ctx, fresh.id());
    ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Sessions.Session s = ctx.attribute(Guard.SESSION);
    if (s != null) {
      sessions.close(s.id());
    }
    guard.clearCookie(ctx);
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Only a local path may follow sign-in (no open redirect to another site). */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x21 || c == '\\')) {
      return "/";
    }
    return next;
  }

  // ---- runs ----

  private void runsPage(Context ctx) {
    String suite = Params.text(ctx, "suite", 200);
    String system = Params.text(ctx, "system", 200);
    String status = Params.text(ctx, "status", 20);
    RunStatus st = null;
    if (status != null) {
      try {
        st = RunStatus.parse(status);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("status must be running, completed, failed or aborted");
      }
    }
    boolean oldest = "oldest".equals(ctx.queryParam("order"));
    RunQuery query = new RunQuery(suite, system, st, Params.instant(ctx, "started_from"),
        Params.instant(ctx, "started_before"), oldest, Cursors.runs(ctx.queryParam("cursor")),
        Params.limit(ctx, 50, 500));
    RunPage page = store.runs(query);
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" action=\"/\" class=\"filters\" id=\"run-filters\">")
        .append(field("suite", "Suite", suite)).append(field("system", "System", system))
        .append("<label>Status <select name=\"status\"><option value=\"\">any</option>");
    for (RunStatus s : RunStatus.values()) {
      b.append("<option").append(s == st ? " selected" : "").append('>').append(s.wire()).append("</option>");
    }
    b.append("</select></label>")
        .append(field("started_from", "From", ctx.queryParam("started_from")))
        .append(field("started_before", "Before", ctx.queryParam("started_before")))
        .append("<label>Order <select name=\"order\"><option value=\"newest\">newest first</option><option value=\"oldest\"")
        .append(oldest ? " selected" : "").append(">oldest first</option></select></label>")
        .append(" <button type=\"submit\">Filter</button> <a href=\"/\">clear</a></form>\n");
    if (page.runs().isEmpty()) {
      b.append("<p class=\"muted\">No runs").append(query.after() == null ? "" : " on this page")
          .append(". Push some with <code>assay runs push RUN_ID --server URL</code>, or run <code>./assay demo</code>.</p>");
    } else {
      b.append("<form method=\"get\" action=\"/compare\" id=\"compare-form\">")
          .append("<p><button type=\"submit\" id=\"compare-selected\">Compare selected</button> ")
          .append("<span class=\"muted\">pick a baseline (B) and a candidate (C)</span></p>")
          .append("<table class=\"runs sortable\" id=\"runs\"><thead><tr><th>B</th><th>C</th><th data-sort=\"text\">Run</th>")
          .append("<th data-sort=\"text\">Suite</th><th data-sort=\"text\">System</th><th data-sort=\"text\">Status</th>")
          .append("<th data-sort=\"text\">Started</th><th data-sort=\"num\">OK</th><th data-sort=\"num\">Errors</th>")
          .append("<th>Metrics <span class=\"muted\">(estimates; intervals on the run's page)</span></th>")
          .append("</tr></thead><tbody>\n");
      for (RunRecord run : page.runs()) {
        ResultStats live = run.status() == RunStatus.RUNNING ? store.resultStats(run.runId()) : null;
        long ok = live != null ? live.ok() : run.counts().ok();
        long err = live != null ? live.errors() : run.counts().error();
        b.append("<tr><td><input type=\"radio\" name=\"baseline\" value=\"").append(a(run.runId())).append("\"></td>")
            .append("<td><input type=\"radio\" name=\"candidate\" value=\"").append(a(run.runId())).append("\"></td>")
            .append("<td><a href=\"/runs/").append(a(run.runId())).append("\">").append(t(shortId(run.runId())))
            .append("</a></td><td>").append(t(run.suiteName())).append("</td><td>").append(t(run.systemName()))
            .append("</td><td>").append(statusBadge(run.status())).append("</td><td>")
            .append(t(when(run.startedAt())))
            .append("</td><td class=\"n\">").append(ok).append("</td><td class=\"n\">").append(err).append("</td><td>")
            .append(t(aggregates(run, 3))).append("</td></tr>\n");
      }
      b.append("</tbody></table></form>\n");
    }
    if (page.next() != null) {
      b.append("<p><a id=\"next-page\" href=\"").append(a(withParam(ctx, "cursor", Cursors.runs(page.next()))))
          .append("\">Next page →</a></p>");
    }
    html(ctx, "Runs", "/", b.toString());
  }

  private void runPage(Context ctx) {
    RunRecord run = api.requireRun(Ids.run(ctx.pathParam("run_id")));
    // counting a finished run's results reads every one of them (500 ms at a million): its record has the counts
    ResultStats stats = run.status() == RunStatus.RUNNING ? store.resultStats(run.runId())
        : new ResultStats(run.counts().ok() + run.counts().error(), run.counts().ok(), null, null);
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"kv\"><tr><th>Run</th><td>").append(t(run.runId())).append("</td></tr>")
        .append("<tr><th>Suite</th><td>").append(t(run.suiteName())).append("</td></tr>")
        .append("<tr><th>System</th><td>").append(t(run.systemName())).append("</td></tr>")
        .append("<tr><th>Status</th><td>").append(statusBadge(run.status()))
        .append(run.failure() == null ? "" : " " + t(run.failure())).append("</td></tr>")
        .append("<tr><th>Dataset</th><td>").append(t(run.datasetPath())).append(" (")
        .append(run.datasetSize()).append(" examples × ").append(run.repeats()).append(")")
        .append(run.datasetHash() == null ? "" : " <a href=\"/api/v1/datasets/" + a(run.datasetHash())
            + "/examples\">download</a>").append("</td></tr>")
        .append("<tr><th>Started</th><td>").append(t(when(run.startedAt()))).append("</td></tr></table>\n");
    b.append("<div class=\"live\" id=\"live\" data-run=\"").append(a(run.runId())).append("\" data-status=\"")
        .append(run.status().wire()).append("\"><b>Progress</b> <span id=\"live-stored\">").append(stats.stored())
        .append("</span> of ").append(run.expectedResults()).append(" results, <span id=\"live-ok\">").append(stats.ok())
        .append("</span> ok, <span id=\"live-errors\">").append(stats.errors())
        .append("</span> errors · <span id=\"live-status\">").append(run.status().wire())
        .append("</span> <span id=\"live-means\" class=\"muted\">").append(t(aggregates(run, 8))).append("</span></div>\n");
    if (run.status().finished() && stats.stored() > 0 && stats.stored() <= REPORT_LIMIT) {
      b.append("<section class=\"report\">").append(reportBody(run)).append("</section>\n");
    } else if (stats.stored() > REPORT_LIMIT) {
      b.append("<p class=\"muted\">This run has ").append(stats.stored()).append(" results; intervals and slices are "
          + "shown for runs of up to ").append(REPORT_LIMIT).append(" (use <code>assay report</code>).</p>");
    }
    b.append(examplesSection(ctx, run));
    html(ctx, "Run " + shortId(run.runId()) + " · " + run.systemName(), "/", b.toString());
  }

  /** The single-run report's sections (metrics with intervals, slices, latency, lineage), cached per run. */
  private String reportBody(RunRecord run) {
    String key = run.runId() + "|" + run.endedAt();
    synchronized (reportBodies) {
      String cached = reportBodies.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Side side = Side.ofRun(run, store.results(run.runId()));
    double confidence = 0.95;
    String body = new HtmlReport(ReportInput.single(RunView.of(side), DatasetView.forRun(store, run),
        RunEstimate.of(side.scores(), Plugins.installed(), confidence), confidence)).body();
    synchronized (reportBodies) {
      reportBodies.put(key, body);
    }
    return body;
  }

  private String examplesSection(Context ctx, RunRecord run) {
    String error = ctx.queryParam("error");
    String tag = Params.text(ctx, "tag", 400);
    String text = Params.text(ctx, "q", 200);
    String flipped = ctx.queryParam("flipped_vs");
    if (flipped != null && flipped.isEmpty()) {
      flipped = null;
    }
    StringBuilder b = new StringBuilder("<h2 id=\"examples\">Examples</h2>\n");
    b.append("<form method=\"get\" action=\"/runs/").append(a(run.runId())).append("#examples\" class=\"filters\" ")
        .append("id=\"example-filters\"><label>Result <select name=\"error\"><option value=\"\">all</option>")
        .append("<option value=\"true\"").append("true".equals(error) ? " selected" : "").append(">errors</option>")
        .append("<option value=\"false\"").append("false".equals(error) ? " selected" : "").append(">answered</option>")
        .append("</select></label>").append(field("tag", "Tag (key=value)", tag)).append(field("q", "Text", text))
        .append(field("flipped_vs", "Flipped vs run", flipped))
        .append(" <button type=\"submit\">Filter</button></form>\n");
    Boolean err = error == null || error.isEmpty() ? null : Params.bool(ctx, "error");
    String tagKey = null;
    String tagValue = null;
    if (tag != null) {
      int eq = tag.indexOf('=');
      if (eq <= 0) {
        throw Problem.badRequest("tag must be KEY=VALUE");
      }
      tagKey = tag.substring(0, eq);
      tagValue = tag.substring(eq + 1);
    }
    ExampleSearch.Page page = api.search().page(run, new ExampleSearch.Filters(err == null ? null : !err,
        tagKey, tagValue, text, flipped == null ? null : Ids.run(flipped), null),
        Cursors.results(ctx.queryParam("cursor")), Params.limit(ctx, 25, 200));
    if (page.results().isEmpty()) {
      b.append("<p class=\"muted\" id=\"no-examples\">No examples match.</p>");
    } else {
      b.append("<table class=\"examples\" id=\"examples-table\"><thead><tr><th>Example</th><th>Result</th><th>Scores</th>")
          .append("<th>Latency</th><th>Detail</th></tr></thead><tbody>\n");
      for (int i = 0; i < page.results().size(); i++) {
        b.append(exampleRow(page.results().get(i), page.examples().get(i)));
      }
      b.append("</tbody></table>\n");
    }
    if (page.next() != null) {
      b.append("<p><a id=\"examples-next\" href=\"").append(a(withParam(ctx, "cursor", Cursors.results(page.next()))))
          .append("#examples\">Next examples →</a></p>");
    }
    return b.toString();
  }

  private static String exampleRow(ExampleResult r, Example e) {
    StringBuilder b = new StringBuilder("<tr class=\"example\"><td>");
    b.append(t(r.id())).append(r.repeat() > 0 ? " #" + r.repeat() : "").append("</td><td>")
        .append(r.ok() ? "<span class=\"ok\">ok</span>" : "<span class=\"err\">error</span>").append("</td><td>");
    StringBuilder scores = new StringBuilder();
    for (Map.Entry<String, Score> s : r.scores().entrySet()) {
      scores.append(t(s.getKey())).append(' ').append(s.getValue().hasValue() ? num(s.getValue().value()) : "·")
          .append("<br>");
    }
    b.append(scores).append("</td><td class=\"n\">").append(r.latencyMs() == null ? "" : num(r.latencyMs()))
        .append("</td><td><details><summary>show</summary><dl>");
    if (e != null) {
      b.append("<dt>Input</dt><dd><pre>").append(t(textOf(e.input()))).append("</pre></dd>");
      if (e.reference() != null) {
        b.append("<dt>Reference</dt><dd><pre>").append(t(textOf(e.reference()))).append("</pre></dd>");
      }
      if (!e.tags().isEmpty()) {
        b.append("<dt>Tags</dt><dd>").append(t(new java.util.TreeMap<>(e.tags()).toString())).append("</dd>");
      }
    }
    if (r.output() != null) {
      b.append("<dt>Output</dt><dd><pre class=\"output\">").append(t(textOf(r.output()))).append("</pre></dd>");
    }
    for (Map.Entry<String, Score> s : r.scores().entrySet()) {
      if (s.getValue().note() != null) {
        b.append("<dt>Note (").append(t(s.getKey())).append(")</dt><dd><pre>").append(t(s.getValue().note()))
            .append("</pre></dd>");
      }
    }
    r.metricErrors().forEach((k, v) -> b.append("<dt>Metric error (").append(t(k)).append(")</dt><dd>").append(t(v))
        .append("</dd>"));
    if (r.error() != null) {
      b.append("<dt>Error</dt><dd><pre class=\"err\">").append(t(r.error())).append("</pre></dd>");
    }
    return b.append("</dl></details></td></tr>\n").toString();
  }

  // ---- compare ----

  private void comparePage(Context ctx) {
    String base = ctx.queryParam("baseline");
    String cand = ctx.queryParam("candidate");
    StringBuilder b = new StringBuilder();
    List<RunRecord> recent = store.runs(new RunQuery(null, null, RunStatus.COMPLETED, null, null, false, null, 200))
        .runs();
    b.append("<form method=\"get\" action=\"/compare\" class=\"filters\" id=\"pick\">")
        .append(runSelect("baseline", "Baseline", recent, base)).append(runSelect("candidate", "Candidate", recent, cand))
        .append(" <button type=\"submit\" id=\"compare\">Compare</button></form>\n");
    if (base != null && !base.isEmpty() && cand != null && !cand.isEmpty()) {
      Comparisons.Key key = api.comparisonKey(ctx);
      ComparisonResult r = api.compare(key);
      String query = "baseline=" + q(key.baseline()) + "&candidate=" + q(key.candidate());
      b.append(provenance(key));
      if (key.stored() != null) {
        rulesTable(b, key.stored().detail().path("rules"));
      }
      b.append("<p><a id=\"download-report\" href=\"/api/v1/comparisons/report?").append(a(query))
          .append("\">Download the self-contained HTML report</a> · <a href=\"/runs/").append(a(key.candidate()))
          .append("?flipped_vs=").append(a(q(key.baseline()))).append("#examples\">flipped examples in the candidate</a></p>")
          .append("<section class=\"report\">")
          .append(new HtmlReport(ReportInput.of(r, key.confidence(), 200)).body()).append("</section>\n");
    }
    html(ctx, "Compare runs", "/compare", b.toString());
  }

  /** Says where the figures come from: the stored verdict of the pair, or a comparison under stated options. */
  private static String provenance(Comparisons.Key key) {
    var o = key.options();
    String options = "confidence " + num(o.confidence()) + ", seed " + o.seed() + ", " + o.replicates()
        + " replicates, test " + (o.test() == null ? "default" : o.test().name().toLowerCase(Locale.ROOT))
        + ", interval " + o.interval().name().toLowerCase(Locale.ROOT);
    VerdictRecord v = key.stored();
    if (v == null) {
      return "<p class=\"muted\" id=\"provenance\">No stored verdict for this pair: computed as <code>assay compare"
          + "</code> computes it (" + t(options) + ").</p>\n";
    }
    return "<p id=\"provenance\">" + badge(v.verdict().name()) + " Showing the stored verdict <a id=\"stored-verdict\" "
        + "href=\"/verdicts/" + a(v.id()) + "\">" + t(v.id()) + "</a> of " + t(when(v.createdAt()))
        + " for this pair, with " + (key.asRecorded() ? "the options it was reached with" : "default options")
        + " (" + t(options)
        + (key.asRecorded() ? "" : "; the verdict does not record its options, or they exceed this server's limits") + ").</p>\n";
  }

  private static String runSelect(String name, String label, List<RunRecord> runs, String selected) {
    StringBuilder b = new StringBuilder("<label>").append(label).append(" <select name=\"").append(name)
        .append("\" id=\"").append(name).append("\"><option value=\"\">choose a run</option>");
    boolean found = false;
    for (RunRecord r : runs) {
      boolean sel = r.runId().equals(selected);
      found |= sel;
      b.append("<option value=\"").append(a(r.runId())).append('"').append(sel ? " selected" : "").append('>')
          .append(t(r.systemName() + " · " + r.suiteName() + " · " + shortId(r.runId()))).append("</option>");
    }
    if (!found && selected != null && !selected.isEmpty()) {
      b.append("<option value=\"").append(a(selected)).append("\" selected>").append(t(selected)).append("</option>");
    }
    return b.append("</select></label> ").toString();
  }

  // ---- verdicts, plans, datasets ----

  private void verdictsPage(Context ctx) {
    String suite = Params.text(ctx, "suite", 200);
    String system = Params.text(ctx, "system", 200);
    List<VerdictRecord> list = store.verdicts(new VerdictRecord.Query(suite, system, 500));
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" action=\"/verdicts\" class=\"filters\">").append(field("suite", "Suite", suite))
        .append(field("system", "System", system)).append(" <button type=\"submit\">Filter</button></form>\n");
    if (list.isEmpty()) {
      b.append("<p class=\"muted\">No verdicts yet: <code>assay gate SUITE --server URL</code> records one here.</p>");
    } else {
      b.append("<table class=\"verdicts\"><thead><tr><th>Verdict</th><th>When</th><th>Suite</th><th>Baseline</th>")
          .append("<th>Candidate</th><th>Plan</th></tr></thead><tbody>\n");
      for (VerdictRecord v : list) {
        b.append("<tr><td><a href=\"/verdicts/").append(a(v.id())).append("\">").append(badge(v.verdict().name()))
            .append("</a></td><td>").append(t(when(v.createdAt())))
            .append("</td><td><a href=\"/verdicts?suite=").append(a(q(v.suiteName()))).append("\">")
            .append(t(v.suiteName())).append("</a></td><td>").append(runLink(v.baselineRun(), v.baselineSystem()))
            .append("</td><td>").append(runLink(v.candidateRun(), v.candidateSystem())).append("</td><td>")
            .append(planLabel(v.planStatus())).append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    html(ctx, "Verdicts", "/verdicts", b.toString());
  }

  private void verdictPage(Context ctx) {
    String id = Ids.verdict(ctx.pathParam("verdict_id"));
    VerdictRecord v = store.verdict(id).orElseThrow(() -> Problem.notFound("no verdict " + id));
    StringBuilder b = new StringBuilder();
    b.append("<p>").append(badge(v.verdict().name())).append(" ").append(planLabel(v.planStatus())).append("</p>")
        .append("<table class=\"kv\"><tr><th>Suite</th><td>").append(t(v.suiteName())).append("</td></tr>")
        .append("<tr><th>Baseline</th><td>").append(runLink(v.baselineRun(), v.baselineSystem())).append("</td></tr>")
        .append("<tr><th>Candidate</th><td>").append(runLink(v.candidateRun(), v.candidateSystem()))
        .append("</td></tr><tr><th>When</th><td>").append(t(when(v.createdAt()))).append("</td></tr>")
        .append("<tr><th>Gate</th><td>").append(t(v.gateHash())).append("</td></tr></table>\n");
    rulesTable(b, v.detail().path("rules"));
    if (v.baselineRun() != null && v.candidateRun() != null) {
      b.append("<p><a href=\"/compare?baseline=").append(a(q(v.baselineRun()))).append("&amp;candidate=")
          .append(a(q(v.candidateRun()))).append("\">Open the comparison</a></p>");
    }
    b.append("<details><summary>Full verdict (JSON)</summary><pre>")
        .append(t(Json.MAPPER.valueToTree(v.detail()).toPrettyString())).append("</pre></details>");
    html(ctx, "Verdict " + v.verdict().name(), "/verdicts", b.toString());
  }

  /** A stored verdict's rules as recorded: outcome, estimate, interval, p-value and reason of each. */
  private static void rulesTable(StringBuilder b, JsonNode rules) {
    if (!rules.isArray() || rules.isEmpty()) {
      return;
    }
    b.append("<h2>Rules</h2><table class=\"rules\"><thead><tr><th>Rule</th><th>Metric</th><th>Outcome</th>")
        .append("<th>Estimate</th><th>CI</th><th>p (rule)</th><th>Reason</th></tr></thead><tbody>");
    for (JsonNode rule : rules) {
      JsonNode ci = rule.path("ci");
      b.append("<tr><td>").append(t(rule.path("rule").asText(rule.path("type").asText("")))).append("</td><td>")
          .append(t(rule.path("metric").asText(""))).append("</td><td>")
          .append(badge(rule.path("outcome").asText(rule.path("verdict").asText("")))).append("</td><td class=\"n\">")
          .append(figure(rule.path("estimate"))).append("</td><td class=\"n\">")
          .append(ci.isArray() && ci.size() == 2 ? "[" + figure(ci.get(0)) + ", " + figure(ci.get(1)) + "]" : "")
          .append("</td><td class=\"n\">").append(figure(rule.path("p_value"))).append("</td><td>")
          .append(t(rule.path("reason").asText(""))).append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static String figure(JsonNode n) {
    return n.isNumber() ? num(n.asDouble()) : "";
  }

  private void plansPage(Context ctx) {
    List<Plan> plans = store.plans();
    StringBuilder b = new StringBuilder();
    if (plans.isEmpty()) {
      b.append("<p class=\"muted\">No plans: <code>assay plan</code> pre-registers a hypothesis and its gate.</p>");
    } else {
      b.append("<table><thead><tr><th>Plan</th><th>Made</th><th>Hypothesis</th><th>Suite</th><th>Dataset</th>")
          .append("</tr></thead><tbody>\n");
      for (Plan p : plans) {
        b.append("<tr><td>").append(t(p.shortHash())).append("</td><td>").append(t(when(p.createdAt())))
            .append("</td><td>").append(t(p.hypothesis())).append("</td><td>").append(t(p.suitePath()))
            .append("</td><td>").append(t(p.datasetHash().substring(0, Math.min(12, p.datasetHash().length()))))
            .append("</td></tr>\n");
      }
      b.append("</tbody></table>");
    }
    html(ctx, "Plans", "/plans", b.toString());
  }

  private void datasetsPage(Context ctx) {
    List<DatasetInfo> list = store.datasets();
    StringBuilder b = new StringBuilder();
    if (list.isEmpty()) {
      b.append("<p class=\"muted\">No datasets stored yet.</p>");
    } else {
      b.append("<table><thead><tr><th>Hash</th><th>Source</th><th>Examples</th><th></th></tr></thead><tbody>\n");
      for (DatasetInfo d : list) {
        b.append("<tr><td><code>").append(t(d.hash().substring(0, 12))).append("</code></td><td>").append(t(d.source()))
            .append("</td><td class=\"n\">").append(d.size()).append("</td><td><a href=\"/api/v1/datasets/")
            .append(a(d.hash())).append("/examples\">download (JSON Lines)</a></td></tr>\n");
      }
      b.append("</tbody></table>");
    }
    html(ctx, "Datasets", "/datasets", b.toString());
  }

  // ---- tokens (admins) ----

  private void tokensPage(Context ctx) {
    tokensPage(ctx, null);
  }

  private void tokensPage(Context ctx, TokenService.Created made) {
    requireTokens();
    Sessions.Session s = guard.ensureSession(ctx);
    StringBuilder b = new StringBuilder();
    if (made != null) {
      b.append("<p class=\"created\">New token for <b>").append(t(made.stored().name())).append("</b> (")
          .append(t(made.stored().role())).append("), shown this once: <code id=\"new-token\">")
          .append(t(made.token())).append("</code></p>");
    }
    b.append("<form method=\"post\" action=\"/tokens\" class=\"filters\" id=\"create-token\">")
        .append(Layout.csrfField(s.csrf())).append(field("name", "Name", null))
        .append("<label>Role <select name=\"role\"><option>viewer</option><option>editor</option><option>admin</option>")
        .append("</select></label> <button type=\"submit\">Create token</button></form>\n")
        .append("<table><thead><tr><th>Id</th><th>Name</th><th>Role</th><th>Created</th><th>State</th></tr></thead><tbody>");
    for (StoredToken tk : tokens.list()) {
      b.append("<tr><td><code>").append(t(tk.id())).append("</code></td><td>").append(t(tk.name())).append("</td><td>")
          .append(t(tk.role())).append("</td><td>").append(t(when(tk.createdAt()))).append("</td><td>");
      if (tk.revoked()) {
        b.append("revoked");
      } else {
        b.append("<form method=\"post\" action=\"/tokens/").append(a(tk.id())).append("/revoke\" class=\"inline\">")
            .append(Layout.csrfField(s.csrf())).append("<button type=\"submit\">Revoke</button></form>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</tbody></table>");
    html(ctx, "Tokens", "/tokens", b.toString());
  }

  private void createToken(Context ctx) {
    requireTokens();
    Role role;
    try {
      role = Role.ofToken(String.valueOf(ctx.formParam("role")));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("role must be viewer, editor or admin");
    }
    try {
      tokensPage(ctx, tokens.create(ctx.formParam("name"), role));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  private void revokeToken(Context ctx) {
    requireTokens();
    String id = Ids.token(ctx.pathParam("token_id"));
    tokens.revoke(id);
    sessions.closeAll(id);
    ctx.redirect("/tokens", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void requireTokens() {
    if (tokens == null) {
      throw Problem.notFound("this server keeps no tokens (auth is off)");
    }
  }

  // ---- helpers ----

  static String field(String name, String label, String value) {
    return "<label>" + label + " <input type=\"text\" name=\"" + name + "\" value=\"" + a(value) + "\"></label> ";
  }

  private static String withParam(Context ctx, String name, String value) {
    StringBuilder sb = new StringBuilder(ctx.path()).append('?');
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!e.getKey().equals(name)) {
        for (String v : e.getValue()) {
          sb.append(q(e.getKey())).append('=').append(q(v)).append('&');
        }
      }
    }
    return sb.append(q(name)).append('=').append(q(value)).toString();
  }

  private static String shortId(String id) {
    return id.length() > 13 ? id.substring(0, 13) + "…" : id;
  }

  private static String statusBadge(RunStatus s) {
    return "<span class=\"status " + s.wire() + "\">" + s.wire() + "</span>";
  }

  static String badge(String verdict) {
    return "<span class=\"verdict " + t(verdict) + "\">" + t(verdict) + "</span>";
  }

  private static String planLabel(String status) {
    return switch (status) {
      case "pre_registered" -> "<span class=\"plan pre\">pre-registered</span>";
      case "post_hoc" -> "<span class=\"plan post\">post hoc</span>";
      default -> "<span class=\"plan none\">no plan</span>";
    };
  }

  private static String runLink(String runId, String system) {
    if (runId == null) {
      return t(system);
    }
    return "<a href=\"/runs/" + a(runId) + "\">" + t(system == null ? runId : system) + "</a>";
  }

  private static String aggregates(RunRecord run, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, Double> e : run.aggregates().entrySet()) {
      if (n++ == max) {
        sb.append(" …");
        break;
      }
      sb.append(n > 1 ? ", " : "").append(e.getKey()).append(' ').append(num(e.getValue()));
    }
    return sb.toString();
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4f", v).replaceAll("\\.?0+$", "");
  }

  private static String textOf(JsonNode n) {
    return n.isTextual() ? n.textValue() : n.toPrettyString();
  }
}
