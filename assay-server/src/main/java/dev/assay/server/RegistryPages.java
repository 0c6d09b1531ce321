package dev.assay.server;

import static dev.assay.server.ui.Layout.a;
import static dev.assay.server.ui.Layout.q;
import static dev.assay.server.ui.Layout.t;
import static dev.assay.server.ui.Layout.when;

import dev.assay.core.RunRecord;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditLog;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.registry.audit.AuditFinding;
import dev.assay.registry.audit.AuditReport;
import dev.assay.registry.audit.AuditedStore;
import dev.assay.registry.scorecard.Scorecard;
import dev.assay.report.ScorecardReport;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The registry's pages: models with their aliases, versions and alias history; the audit log with
 * the outcome of verifying it; the research scorecard. Read-only (changes go through the API or
 * the command line), framed and escaped like every other page: names, descriptions, reasons and
 * actors are user content.
 */
final class RegistryPages {
  /** Latest audit entries the audit page lists. */
  static final int RECENT_ENTRIES = 200;

  private final UiRoutes ui;
  private final RegistryApi api;

  RegistryPages(UiRoutes ui, RegistryApi api) {
    this.ui = ui;
    this.api = api;
  }

  void register(RouteTable r) {
    r.get("/models", Role.VIEWER, this::modelsPage);
    r.get("/models/{model}", Role.VIEWER, this::modelPage);
    r.get("/audit", Role.VIEWER, this::auditPage);
    r.get("/scorecard", Role.VIEWER, this::scorecardPage);
  }

  private void modelsPage(Context ctx) {
    AuditedStore store = api.access().store();
    List<Model> models = store.models();
    StringBuilder b = new StringBuilder();
    if (models.isEmpty()) {
      b.append("<p class=\"muted\">No models yet: <code>assay models register NAME --run RUN_ID</code> registers "
          + "one.</p>");
    } else {
      b.append("<table class=\"models\" id=\"models\"><thead><tr><th data-sort=\"text\">Model</th><th>Description</th>")
          .append("<th data-sort=\"num\">Versions</th><th>Aliases</th><th>Policy</th></tr></thead><tbody>\n");
      for (Model m : models) {
        b.append("<tr><td><a href=\"/models/").append(a(q(m.name()))).append("\">").append(t(m.name()))
            .append("</a></td><td>").append(t(m.description())).append("</td><td>")
            .append(store.versions(m.name()).size()).append("</td><td>").append(aliases(store.aliases(m.name())))
            .append("</td><td>").append(store.policy(m.name()).map(p -> "revision " + p.revision()).orElse("none"))
            .append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    ui.html(ctx, "Models", "/models", b.toString());
  }

  private void modelPage(Context ctx) {
    Model m = api.model(ctx);
    AuditedStore store = api.access().store();
    Map<String, Integer> aliases = store.aliases(m.name());
    List<RunRecord> runs = store.runs();
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"kv\"><tr><th>Registered</th><td>").append(t(when(m.createdAt()))).append(" by ")
        .append(t(m.actor())).append("</td></tr>");
    if (m.description() != null) {
      b.append("<tr><th>Description</th><td>").append(t(m.description())).append("</td></tr>");
    }
    b.append("<tr><th>Aliases</th><td id=\"aliases\">").append(aliases.isEmpty() ? "none" : aliases(aliases))
        .append("</td></tr><tr><th>Policy</th><td>");
    PolicyRecord policy = store.policy(m.name()).orElse(null);
    if (policy == null) {
      b.append("none: no alias can be promoted (<code>assay models policy ").append(t(m.name()))
          .append(" POLICY.yaml</code>)");
    } else {
      b.append("revision ").append(policy.revision()).append(", set ").append(t(when(policy.setAt())))
          .append(" by ").append(t(policy.actor())).append("<details><summary>YAML</summary><pre>")
          .append(t(policy.text())).append("</pre></details>");
    }
    b.append("</td></tr></table>\n<h2>Versions</h2>\n<table class=\"versions\" id=\"versions\"><thead><tr>")
        .append("<th>Version</th><th>Registered</th><th>System</th><th>Spec</th><th>Content</th><th>Runs</th>")
        .append("<th>Aliases</th><th>Description</th></tr></thead><tbody>\n");
    for (ModelVersion v : store.versions(m.name())) {
      StringBuilder held = new StringBuilder();
      aliases.forEach((alias, n) -> {
        if (n == v.number()) {
          held.append(held.length() == 0 ? "" : ", ").append(t(alias));
        }
      });
      b.append("<tr><td>").append(v.number()).append("</td><td>").append(t(when(v.createdAt()))).append(" by ")
          .append(t(v.actor())).append("</td><td>").append(t(v.system().type())).append(" <span class=\"muted\">")
          .append(t(v.system().name())).append("</span></td><td><code>").append(t(shortHash(v.specHash())))
          .append("</code></td><td><code>").append(t(shortHash(v.contentHash()))).append("</code></td><td>")
          .append(runs.stream().filter(v::evaluatedBy).count()).append("</td><td>").append(held).append("</td><td>")
          .append(t(v.description())).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n<h2>Alias history</h2>\n");
    List<AliasMove> moves = store.aliasHistory(m.name());
    if (moves.isEmpty()) {
      b.append("<p class=\"muted\">No alias has moved yet.</p>\n");
    } else {
      b.append("<table class=\"history\" id=\"history\"><thead><tr><th>When</th><th>Alias</th><th>Move</th>")
          .append("<th>Kind</th><th>By</th><th>Evidence or reason</th></tr></thead><tbody>\n");
      for (AliasMove mv : moves) {
        b.append("<tr><td>").append(t(when(mv.at()))).append("</td><td>").append(t(mv.alias())).append("</td><td>")
            .append(mv.from() == null ? "none" : mv.from()).append(" → ").append(mv.to()).append("</td><td>")
            .append("<span class=\"move ").append(mv.kind().wire()).append("\">").append(mv.kind().wire())
            .append("</span></td><td>").append(t(mv.actor())).append("</td><td>");
        if (!mv.evidence().isEmpty()) {
          for (String id : mv.evidence()) {
            b.append("<a href=\"/verdicts/").append(a(id)).append("\">").append(t(id)).append("</a> ");
          }
        }
        if (mv.reason() != null) {
          b.append(mv.kind() == AliasMove.Kind.OVERRIDE ? "<b>override:</b> " : "").append(t(mv.reason()));
        }
        b.append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    ui.html(ctx, "Model " + m.name(), "/models", b.toString());
  }

  private void auditPage(Context ctx) {
    RegistryAccess access = api.access();
    String subject = Params.text(ctx, "subject", 300);
    AuditReport report = access.verify();
    StringBuilder b = new StringBuilder();
    if (report.ok()) {
      b.append("<p id=\"verify\"><span class=\"ok\">Verified</span>: ").append(report.entries())
          .append(" entries chain correctly and ").append(report.objects())
          .append(" stored objects match their latest entry");
      if (report.head() != null) {
        b.append("; head entry ").append(report.head().seq()).append(" <code>")
            .append(t(report.head().hash().substring(0, 12))).append("</code>");
      }
      b.append(".</p>\n<p class=\"muted\">Checked now, without a checkpoint: <code>assay audit verify</code> also "
          + "compares the head with the latest checkpoint file, which catches a truncated log.</p>\n");
    } else {
      AuditFinding first = report.first().orElseThrow();
      b.append("<p id=\"verify\" class=\"problem\">Does NOT verify: ").append(first.seq() > 0
          ? "first mismatch at entry " + first.seq() : "the store holds what the log never recorded").append("</p>\n")
          .append("<table class=\"findings\"><thead><tr><th>Entry</th><th>Subject</th><th>Problem</th></tr></thead>")
          .append("<tbody>\n");
      for (AuditFinding f : report.findings()) {
        b.append("<tr><td>").append(f.seq()).append("</td><td>").append(t(f.subject())).append("</td><td>")
            .append(t(f.problem())).append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    b.append("<h2>Entries</h2>\n<form method=\"get\" action=\"/audit\" class=\"filters\">")
        .append(UiRoutes.field("subject", "Subject", subject)).append(" <button type=\"submit\">Filter</button></form>\n");
    List<AuditEntry> entries = access.store().log().entries(new AuditLog.Query(null, subject, RECENT_ENTRIES));
    if (entries.isEmpty()) {
      b.append("<p class=\"muted\">No entries").append(subject == null ? "" : " about this subject").append(".</p>\n");
    } else {
      b.append("<p class=\"muted\">The latest ").append(entries.size())
          .append(", oldest first; <code>assay audit export</code> writes them all.</p>\n")
          .append("<table class=\"audit\" id=\"entries\"><thead><tr><th>#</th><th>When</th><th>Actor</th>")
          .append("<th>Action</th><th>Subjects</th><th>Hash</th></tr></thead><tbody>\n");
      for (AuditEntry e : entries) {
        b.append("<tr><td>").append(e.seq()).append("</td><td>").append(t(when(e.at()))).append("</td><td>")
            .append(t(e.actor())).append("</td><td>").append(t(e.action())).append("</td><td>");
        for (String s : e.subjects()) {
          b.append("<a href=\"/audit?subject=").append(a(q(s))).append("\">").append(t(s)).append("</a> ");
        }
        b.append("</td><td><code>").append(t(e.hash().substring(0, 12))).append("</code></td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    ui.html(ctx, "Audit log", "/audit", b.toString());
  }

  private void scorecardPage(Context ctx) {
    Scorecard card = api.scorecardOf(ctx);
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" action=\"/scorecard\" class=\"filters\" id=\"scorecard-filters\">")
        .append(UiRoutes.field("since", "Since", ctx.queryParam("since") == null ? "90d" : ctx.queryParam("since")))
        .append(UiRoutes.field("model", "Model", card.model())).append(" <button type=\"submit\">Show</button></form>\n")
        .append("<section class=\"report scorecard\">").append(new ScorecardReport(card).htmlBody())
        .append("</section>\n");
    ui.html(ctx, card.model() == null ? "Research scorecard" : "Research scorecard: " + card.model(), "/scorecard",
        b.toString());
  }

  private static String aliases(Map<String, Integer> aliases) {
    StringBuilder s = new StringBuilder();
    aliases.forEach((alias, n) -> s.append(s.length() == 0 ? "" : ", ").append("<span class=\"alias\">")
        .append(t(alias)).append("</span> → ").append(n));
    return s.toString();
  }

  private static String shortHash(String hash) {
    return hash == null ? "–" : hash.substring(0, Math.min(12, hash.length()));
  }
}
