package dev.assay.cli;

import dev.assay.core.text.HumanTime;
import dev.assay.core.text.TerminalText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.VerdictRecord;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay verdicts list|show}: the gate verdicts recorded in the store. */
@Command(name = "verdicts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List and show the gate verdicts recorded by assay gate and assay compare --gate.",
    subcommands = {VerdictsCommand.ListVerdicts.class, VerdictsCommand.Show.class})
final class VerdictsCommand implements Callable<Integer> {
  VerdictsCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay verdicts list | show VERDICT_ID");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "List recorded verdicts, newest first.")
  static final class ListVerdicts implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--suite", paramLabel = "NAME", description = "Only verdicts of this suite.")
    String suite;

    @Option(names = "--system", paramLabel = "NAME", description = "Only verdicts with this system as baseline or candidate.")
    String system;

    @Mixin LimitOption limit = new LimitOption();
    @Mixin FormatOption format = new FormatOption();

    ListVerdicts(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      int most = limit.value();
      List<VerdictRecord> verdicts;
      try (StoreSession s = root.openStore()) {
        verdicts = s.store().verdicts(new VerdictRecord.Query(suite, system, most));
      }
      return Listing.of("verdicts", verdicts, VerdictsCommand::summary)
          .none("no verdicts recorded", suite != null || system != null)
          .table("%-36s  %-20s  %-12s  %-16s  %-16s  %-14s  %s",
              new String[] {"VERDICT", "WHEN", "RESULT", "BASELINE", "CANDIDATE", "PLAN", "SUITE"},
              v -> new Object[] {v.id(), HumanTime.of(v.createdAt()), v.verdict(),
                  RunsCommand.clip(TerminalText.escape(String.valueOf(v.baselineSystem())), 16),
                  RunsCommand.clip(TerminalText.escape(String.valueOf(v.candidateSystem())), 16), v.planStatus(),
                  TerminalText.escape(String.valueOf(v.suiteName()))})
          .print(ctx, format);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Show one verdict: every rule's estimate, interval, p-value and reason, the plan and the runs.")
  static final class Show implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "VERDICT_ID", description = "A verdict id (or a unique prefix).")
    String id;

    @Mixin FormatOption format = new FormatOption();

    Show(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      VerdictRecord v;
      try (StoreSession s = root.openStore()) {
        v = s.store().verdict(id).orElseGet(() -> byPrefix(s.store().verdicts(VerdictRecord.Query.ALL)));
      }
      if (format.json()) {
        ObjectNode node = summary(v);
        node.set("detail", v.detail());
        RunViews.printJson(ctx.out(), node);
        return ExitCode.OK;
      }
      ctx.out().printf(Locale.ROOT, "verdict %s: %s%n", v.id(), v.verdict());
      ctx.out().printf(Locale.ROOT, "  recorded %s by assay %s%n", HumanTime.of(v.createdAt()), v.assayVersion());
      ctx.out().printf(Locale.ROOT, "  suite %s%n", TerminalText.escape(String.valueOf(v.suiteName())));
      ctx.out().printf(Locale.ROOT, "  baseline %s (%s)%n  candidate %s (%s)%n",
          TerminalText.escape(String.valueOf(v.baselineSystem())), TerminalText.escape(v.baselineSource()),
          TerminalText.escape(String.valueOf(v.candidateSystem())), TerminalText.escape(v.candidateSource()));
      ctx.out().printf(Locale.ROOT, "  gate sha256 %s%n  dataset sha256 %s%n  plan %s%s%n", v.gateHash(),
          v.datasetHash(), v.planStatus(), v.planHash() == null ? "" : " (" + v.planHash() + ")");
      ctx.out().println("rules:");
      v.detail().path("rules").forEach(r -> ctx.out().printf(Locale.ROOT, "  %s %s: %s  %s%n",
          r.path("rule").asText(), TerminalText.escape(r.path("metric").asText()), r.path("verdict").asText(),
          TerminalText.escape(r.path("reason").asText())));
      return ExitCode.OK;
    }

    private VerdictRecord byPrefix(List<VerdictRecord> all) {
      List<VerdictRecord> matches = id.length() < 4 ? List.of()
          : all.stream().filter(v -> v.id().startsWith(id)).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw InputException.of("verdict id prefix '" + id + "' matches " + matches.size() + " verdicts",
            "more characters of the verdict id");
      }
      throw InputException.of("unknown verdict id '" + id + "'", "an id from 'assay verdicts list'");
    }
  }

  static ObjectNode summary(VerdictRecord v) {
    ObjectNode n = Json.object();
    n.put("verdict_id", v.id());
    n.put("created_at", v.createdAt().toString());
    n.put("verdict", v.verdict().name());
    n.put("suite", v.suiteName());
    n.put("baseline_system", v.baselineSystem());
    n.put("candidate_system", v.candidateSystem());
    n.put("baseline_run", v.baselineRun());
    n.put("candidate_run", v.candidateRun());
    n.put("baseline", v.baselineSource());
    n.put("candidate", v.candidateSource());
    n.put("gate_hash", v.gateHash());
    n.put("dataset_hash", v.datasetHash());
    n.put("plan_status", v.planStatus());
    n.put("plan_hash", v.planHash());
    n.put("assay_version", v.assayVersion());
    return n;
  }
}
