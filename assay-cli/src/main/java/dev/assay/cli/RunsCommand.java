package dev.assay.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunPage;
import dev.assay.core.RunQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.metrics.retrieval.TrecRunWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay runs list|show|export|delete}. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List, show, export and delete stored runs.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Export.class,
        RunsCommand.Delete.class, RunsCommand.Push.class})
final class RunsCommand implements Callable<Integer> {
  RunsCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay runs list | show RUN_ID | export RUN_ID --output FILE | "
        + "delete RUN_ID...");
  }

  @Command(name = "push", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Send runs (per-example results, dataset, lineage) to an assay server. Idempotent: pushing "
          + "again sends nothing new; an interrupted push resumes where the server's copy ends.")
  static final class Push implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(arity = "1..*", paramLabel = "RUN_ID", description = "Run ids or unique prefixes.")
    List<String> runIds = new ArrayList<>();

    @Mixin ServerOption server = new ServerOption();
    @Mixin FormatOption format = new FormatOption();

    Push(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      if (!server.given()) {
        throw InputException.of("--server is required", "assay runs push RUN_ID --server http://HOST:PORT");
      }
      var pusher = server.pusher(ctx);
      com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
      try (StoreSession s = root.openStore()) {
        List<RunRecord> runs = new ArrayList<>();
        for (String id : runIds) {
          runs.add(RunRefs.resolve(s.store(), id));
        }
        for (RunRecord run : runs) {
          var o = pusher.push(s.store(), run.runId());
          if (format.json()) {
            ObjectNode n = Json.object();
            n.put("run_id", o.runId());
            n.put("sent", o.sent());
            n.put("skipped", o.skipped());
            n.put("stored", o.stored());
            n.put("dataset_sent", o.datasetSent());
            out.add(n);
          } else {
            ctx.out().println("pushed " + run.runId() + " (" + TerminalText.escape(run.systemName()) + "): "
                + Plural.of(o.sent(), "result") + " sent, " + o.skipped() + " already there, " + o.stored() + " on the server"
                + (o.datasetSent() ? ", dataset sent" : ""));
          }
        }
      }
      if (format.json()) {
        ObjectNode n = Json.object();
        n.set("runs", out);
        RunViews.printJson(ctx.out(), n);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "List runs, newest first; a running run shows the results stored so far.")
  static final class ListRuns implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--suite", paramLabel = "NAME", description = "Only runs of this suite.")
    String suite;

    @Option(names = "--system", paramLabel = "NAME", description = "Only runs of this system.")
    String system;

    @Option(names = "--status", paramLabel = "STATUS",
        description = "Only runs with this status: running, completed, failed or aborted.")
    String status;

    @Mixin FormatOption format = new FormatOption();

    @Mixin LimitOption limit = new LimitOption();

    ListRuns(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      RunStatus wanted = status == null ? null : status(status);
      int most = limit.value();
      try (StoreSession s = root.openStore()) {
        // Pages through the store's run index, so a store of 100,000 runs answers --limit 20 at once.
        List<RunRecord> runs = new ArrayList<>();
        RunQuery query = new RunQuery(suite, system, wanted, null, null, false, null,
            most == 0 ? RunQuery.MAX_LIMIT : Math.min(most, RunQuery.MAX_LIMIT));
        RunPage page;
        do {
          page = s.store().runs(query);
          for (RunRecord r : page.runs()) {
            if (most == 0 || runs.size() < most) {
              runs.add(live(s.store(), r));
            }
          }
          query = query.after(page.next());
        } while (page.next() != null && (most == 0 || runs.size() < most));
        return Listing.of("runs", runs, RunViews::summary)
            .none("no runs", suite != null || system != null || wanted != null, " in "
                + TerminalText.escape(s.location()))
            .table("%-36s  %-20s  %-16s  %-9s  %-20s  %8s  %6s",
                new String[] {"RUN", "SUITE", "SYSTEM", "STATUS", "STARTED", "OK", "ERROR"},
                r -> new Object[] {r.runId(), clip(TerminalText.escape(r.suiteName()), 20),
                    clip(TerminalText.escape(r.systemName()), 16), r.status().wire(), HumanTime.of(r.startedAt()),
                    r.counts().ok(), r.counts().error()})
            .print(ctx, format);
      }
    }

    /** A running run's header holds no counts yet: count the results stored so far. */
    private static RunRecord live(Store store, RunRecord r) {
      if (r.status() != RunStatus.RUNNING) {
        return r;
      }
      long[] counts = new long[2];
      store.forEachResult(r.runId(), x -> counts[x.ok() ? 0 : 1]++);
      return r.finish(RunStatus.RUNNING, null, new dev.assay.core.Counts(counts[0], counts[1]), r.aggregates());
    }

    private static RunStatus status(String text) {
      List<String> names = Arrays.stream(RunStatus.values()).map(RunStatus::wire).toList();
      if (!names.contains(text)) {
        throw InputException.of("unknown status '" + text + "'", DidYouMean.expected(text, names));
      }
      return RunStatus.parse(text);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Show one run: lineage, counts, metrics, and optionally its examples.")
  static final class Show implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id or a unique prefix of one.")
    String runId;

    @Option(names = "--examples", description = "Also list the per-example records.")
    boolean examples;

    @Mixin FormatOption format = new FormatOption();

    Show(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        RunRecord run = RunRefs.resolve(s.store(), runId);
        if (format.json()) {
          ObjectNode node = RunViews.summary(run);
          node.set("lineage", Json.tree(run.lineage()));
          node.put("suite_hash", run.suiteHash());
          node.put("seed", run.seed());
          node.set("system_spec", run.system().toJson());
          node.put("system_content_hash", run.contentHash());
          node.put("dataset_size", run.datasetSize());
          node.put("dataset_left_out", run.datasetLeftOut());
          if (examples) {
            node.set("examples", Json.tree(s.store().results(run.runId())));
          }
          RunViews.printJson(ctx.out(), node);
          return ExitCode.OK;
        }
        RunViews.printText(ctx.out(), run);
        var l = run.lineage();
        ctx.out().printf(Locale.ROOT, "  suite %s (sha256 %s)%n  dataset %s (sha256 %s, %d examples x %d%s)%n",
            TerminalText.escape(run.suitePath()), run.suiteHash(), TerminalText.escape(run.datasetPath()), run.datasetHash(),
            run.datasetSize(), run.repeats(), run.datasetLeftOut() == 0 ? ""
                : "; " + run.datasetLeftOut() + " queries without judgments left out");
        if (l != null) {
          ctx.out().printf(Locale.ROOT, "  seed %d  assay %s  git %s%s%n  %s; %s%n", run.seed(), l.assayVersion(),
              l.gitCommit() == null ? "none" : l.gitCommit(), Boolean.TRUE.equals(l.gitDirty()) ? " (dirty)" : "",
              l.jvm(), l.os());
        }
        if (examples) {
          s.store().forEachResult(run.runId(), r -> ctx.out().println(exampleLine(r)));
        }
      }
      return ExitCode.OK;
    }

    private static String exampleLine(ExampleResult r) {
      StringBuilder sb = new StringBuilder();
      sb.append(TerminalText.escape(r.id()));
      if (r.repeat() > 0) {
        sb.append('#').append(r.repeat());
      }
      sb.append('\t').append(r.ok() ? "ok" : "error");
      r.scores().forEach((k, v) -> sb.append('\t').append(TerminalText.escape(k)).append('=')
          .append(v.hasValue() ? RunViews.number(v.value()) : "(statistics)"));
      r.metricErrors().forEach((k, v) -> sb.append('\t').append(TerminalText.escape(k)).append("=failed: ")
          .append(clip(TerminalText.escape(v), 60)));
      if (r.output() != null) {
        String text = r.output().isTextual() ? r.output().textValue() : Json.canonical(r.output());
        sb.append('\t').append(clip(TerminalText.escape(text), 60));
      }
      if (!r.ok()) {
        sb.append('\t').append(clip(TerminalText.escape(r.error()), 100));
      }
      return sb.toString();
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Write a run record with its per-example records as JSON, or a retrieval run as a TREC run file.")
  static final class Export implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id or a unique prefix of one.")
    String runId;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the export.")
    String output;

    /** What {@code runs export} writes. */
    enum ExportFormat { json, trec }

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
        description = "${COMPLETION-CANDIDATES}: json is the run record (default), trec a retrieval run "
            + "(qid Q0 docid rank score tag).")
    ExportFormat format;

    Export(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws IOException {
      CliContext ctx = root.ctx();
      Path target = ctx.resolve(output);
      try (StoreSession s = root.openStore()) {
        RunRecord run = RunRefs.resolve(s.store(), runId);
        switch (format) {
          case json -> AtomicFiles.write(target, tmp -> writeJson(tmp, run, s.store()));
          case trec -> AtomicFiles.write(target, tmp -> writeTrec(tmp, run, s.store()));
        }
      }
      ctx.err().println("wrote " + TerminalText.escape(target.toString()));
      return ExitCode.OK;
    }

    /** The run record with its per-example records, streamed. */
    static void writeJson(Path file, RunRecord run, Store store) throws IOException {
      try (JsonGenerator g = Json.RECORDS.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        ObjectNode header = (ObjectNode) Json.tree(run);
        var fields = header.fields();
        while (fields.hasNext()) {
          var f = fields.next();
          g.writeFieldName(f.getKey());
          Json.RECORDS.writeTree(g, f.getValue());
        }
        g.writeArrayFieldStart("examples");
        forEach(store, run, r -> Json.RECORDS.writeValue(g, r));
        g.writeEndArray();
        g.writeEndObject();
      }
    }

    /** The run's ranked outputs as a TREC run, tagged with the system name. */
    static void writeTrec(Path file, RunRecord run, Store store) throws IOException {
      try (var w = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
        TrecRunWriter trec = new TrecRunWriter(w, run.systemName());
        forEach(store, run, r -> trec.write(r.id(), r.output()));
      }
    }

    private static void forEach(Store store, RunRecord run, ResultWriter each) throws IOException {
      try {
        store.forEachResult(run.runId(), r -> {
          try {
            each.write(r);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    interface ResultWriter {
      void write(ExampleResult result) throws IOException;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Delete runs and their results. A run a stored verdict refers to is kept unless --force.")
  static final class Delete implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(arity = "1..*", paramLabel = "RUN_ID", description = "Run ids or unique prefixes.")
    List<String> runIds = new ArrayList<>();

    @Option(names = "--force", description = "Delete even runs that stored verdicts refer to (the verdicts stay).")
    boolean force;

    Delete(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        Store store = s.store();
        List<RunRecord> runs = new ArrayList<>();
        for (String ref : runIds) {
          runs.add(RunRefs.resolve(store, ref));
        }
        if (!force) {
          // Every run is checked before any is deleted: a refusal deletes nothing.
          List<VerdictRecord> verdicts = store.verdicts(VerdictRecord.Query.ALL);
          for (RunRecord r : runs) {
            List<String> citing = verdicts.stream().filter(v -> v.involves(r.runId())).map(VerdictRecord::id).toList();
            if (!citing.isEmpty()) {
              throw InputException.of("run " + r.runId() + " is evidence of " + Plural.of(citing.size(), "stored verdict") + " ("
                  + String.join(", ", citing.subList(0, Math.min(3, citing.size()))) + (citing.size() > 3 ? ", ..." : "")
                  + ")", "--force to delete it anyway (the verdicts stay, naming a run that is gone)");
            }
          }
        }
        for (RunRecord r : runs) {
          store.deleteRun(r.runId());
          ctx.err().println("deleted run " + r.runId() + " (" + TerminalText.escape(r.systemName()) + ")");
        }
      }
      return ExitCode.OK;
    }
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
