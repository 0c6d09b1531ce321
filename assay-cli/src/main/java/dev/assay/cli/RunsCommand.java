package dev.assay.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.AtomicFiles;
import dev.assay.metrics.retrieval.TrecRunWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay runs list|show|export}. */
@Command(name = "runs", description = "List, show and export stored runs.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Export.class})
final class RunsCommand implements Callable<Integer> {
  private final AssayCommand root;

  RunsCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay runs list | show RUN_ID | export RUN_ID --output FILE");
  }

  static RunRecord find(Store store, String runId) {
    return store.run(runId).orElseThrow(() ->
        InputException.of("unknown run id '" + runId + "'", "an id from 'assay runs list'"));
  }

  @Command(name = "list", description = "List runs, newest first.")
  static final class ListRuns implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    ListRuns(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        List<RunRecord> runs = s.store().runs();
        if (format == OutputFormat.json) {
          ObjectNode node = Json.object();
          node.set("runs", RunViews.summaries(runs));
          RunViews.printJson(ctx.out(), node);
        } else if (runs.isEmpty()) {
          ctx.err().println("no runs in " + TerminalText.escape(s.file().toString()));
        } else {
          ctx.out().printf(Locale.ROOT, "%-36s  %-20s  %-16s  %-9s  %-20s  %8s  %6s%n", "RUN", "SUITE", "SYSTEM",
              "STATUS", "STARTED", "OK", "ERROR");
          for (RunRecord r : runs) {
            ctx.out().printf(Locale.ROOT, "%-36s  %-20s  %-16s  %-9s  %-20s  %8d  %6d%n", r.runId(),
                clip(TerminalText.escape(r.suiteName()), 20), clip(TerminalText.escape(r.systemName()), 16),
                r.status().wire(),
                r.startedAt().toString().substring(0, 19) + "Z", r.counts().ok(), r.counts().error());
          }
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "Show one run: lineage, counts, metrics, and optionally its examples.")
  static final class Show implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--examples", description = "Also list the per-example records.")
    boolean examples;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    Show(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        RunRecord run = find(s.store(), runId);
        if (format == OutputFormat.json) {
          ObjectNode node = RunViews.summary(run);
          node.set("lineage", Json.tree(run.lineage()));
          node.put("suite_hash", run.suiteHash());
          node.put("seed", run.seed());
          node.set("system_spec", run.systemSpec());
          if (examples) {
            node.set("examples", Json.tree(s.store().results(run.runId())));
          }
          RunViews.printJson(ctx.out(), node);
          return ExitCode.OK;
        }
        RunViews.printText(ctx.out(), run);
        var l = run.lineage();
        ctx.out().printf(Locale.ROOT, "  suite %s (sha256 %s)%n  dataset %s (sha256 %s, %d examples x %d)%n",
            TerminalText.escape(run.suitePath()), run.suiteHash(), TerminalText.escape(run.datasetPath()),
            run.datasetHash(), run.datasetSize(), run.repeats());
        ctx.out().printf(Locale.ROOT, "  seed %d  assay %s  git %s%s%n  %s; %s%n", run.seed(), l.assayVersion(),
            l.gitCommit() == null ? "none" : l.gitCommit(), Boolean.TRUE.equals(l.gitDirty()) ? " (dirty)" : "",
            l.jvm(), l.os());
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
          .append(RunViews.number(v)));
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

  @Command(name = "export", description = "Write a run record with its per-example records as JSON.")
  static final class Export implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the export.")
    String output;

    @Option(names = "--format", defaultValue = "json",
        description = "json (the run record, default) or trec (a retrieval run: qid Q0 docid rank score tag).")
    String format;

    Export(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws IOException {
      CliContext ctx = root.ctx();
      Path target = ctx.resolve(output);
      try (StoreSession s = root.openStore()) {
        RunRecord run = find(s.store(), runId);
        switch (format) {
          case "json" -> AtomicFiles.write(target, tmp -> writeJson(tmp, run, s.store()));
          case "trec" -> AtomicFiles.write(target, tmp -> writeTrec(tmp, run, s.store()));
          default -> throw InputException.of("unknown export format '" + format + "'", "json or trec");
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

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
