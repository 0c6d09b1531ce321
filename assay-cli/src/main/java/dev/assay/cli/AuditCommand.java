package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.AuditLog;
import dev.assay.core.audit.Subjects;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.registry.Durations;
import dev.assay.registry.audit.AuditCheckpoint;
import dev.assay.registry.audit.AuditFinding;
import dev.assay.registry.audit.AuditReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay audit list|export|verify|checkpoint}: the store's hash-chained audit log (docs/audit.md). */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List, export and verify the audit log of every change to the store; anchor its head in a "
        + "checkpoint file.",
    subcommands = {AuditCommand.ListEntries.class, AuditCommand.Export.class, AuditCommand.Verify.class,
        AuditCommand.Checkpoint.class})
final class AuditCommand implements Callable<Integer> {
  /** The checkpoint file beside the store, used when no other is named. */
  static final String DEFAULT_CHECKPOINT = "audit-checkpoint.json";

  AuditCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay audit list | export | verify | checkpoint");
  }

  private static final String LINE = "%6s  %-24s  %-20s  %-18s  %s";

  private static Object[] cells(AuditEntry e) {
    return new Object[] {e.seq(), HumanTime.of(e.at()), TerminalText.escape(e.actor()),
        TerminalText.escape(e.action()), TerminalText.escape(String.join(" ", e.subjects()))};
  }


  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "List audit entries, oldest first.")
  static final class ListEntries implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only entries since then: 7d, 12h, a date or an instant.")
    String since;

    @Option(names = "--subject", paramLabel = "ID", description = "Only entries about this subject (KIND:ID or an id).")
    String subject;

    @Mixin LimitOption limit = new LimitOption();
    @Mixin FormatOption format = new FormatOption();

    ListEntries(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      int most = limit.value();
      List<AuditEntry> entries;
      try (StoreSession s = root.openStore()) {
        entries = s.audited().log().entries(new AuditLog.Query(since == null ? null
            : Durations.since(since, ctx.clock().instant(), "--since"), subject, most));
      }
      return Listing.of("entries", entries, AuditEntry::toJson).none("no audit entries", since != null || subject != null)
          .table(LINE, new String[] {"SEQ", "AT", "ACTOR", "ACTION", "SUBJECTS"}, AuditCommand::cells)
          .print(ctx, format);
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Write every audit entry as JSON Lines (one object per entry, with its hashes) to stdout or a file.")
  static final class Export implements Callable<Integer> {
    private final AssayCommand root;

    /** Export formats; one for now, an enum so that help lists it and a typo is a usage error. */
    enum ExportFormat { jsonl }

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
        description = "${COMPLETION-CANDIDATES} (the only format; default).")
    ExportFormat exportFormat;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (whole or not at all) instead of stdout.")
    String output;

    Export(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws IOException {
      CliContext ctx = root.ctx();
      try (StoreSession s = root.openStore()) {
        AuditLog log = s.audited().log();
        if (output == null) {
          log.forEach(e -> ctx.out().println(Json.canonical(e.toJson())));
        } else {
          Path file = ctx.resolve(output);
          long[] n = {0};
          AtomicFiles.write(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8)) {
              IOException[] failed = {null};
              log.forEach(e -> {
                try {
                  if (failed[0] == null) {
                    w.write(Json.canonical(e.toJson()));
                    w.write('\n');
                    n[0]++;
                  }
                } catch (IOException x) {
                  failed[0] = x;
                }
              });
              if (failed[0] != null) {
                throw failed[0];
              }
            }
          });
          ctx.err().println("wrote " + Plural.of(n[0], "entry", "entries") + " to " + file);
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Recompute the chain and every content hash; compare with a checkpoint. Exit 0 when the log and "
          + "the store agree, 1 naming the first entry that does not match.")
  static final class Verify implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--checkpoint", paramLabel = "FILE",
        description = "A checkpoint to compare with (default: " + DEFAULT_CHECKPOINT + " beside the store, if any).")
    String checkpoint;

    @Mixin FormatOption format = new FormatOption();

    Verify(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      AuditReport report;
      Path cpFile;
      try (StoreSession s = root.openStore()) {
        cpFile = checkpoint != null ? ctx.resolve(checkpoint) : s.file().resolveSibling(DEFAULT_CHECKPOINT);
        AuditCheckpoint cp = checkpoint != null || Files.exists(cpFile) ? AuditCheckpoint.read(cpFile) : null;
        if (cp == null) {
          cpFile = null;
        }
        report = s.auditVerifier().verify(cp);
      }
      if (format.json()) {
        ObjectNode o = report.toJson();
        o.put("checkpoint_file", cpFile == null ? null : cpFile.toString());
        RunViews.printJson(ctx.out(), o);
      } else if (report.ok()) {
        ctx.out().printf(Locale.ROOT, "audit log verified: %s, head %s; %s match%s%n",
            Plural.of(report.entries(), "entry", "entries"), report.head() == null ? "(empty)"
                : "entry " + report.head().seq() + " " + report.head().hash().substring(0, 12),
            Plural.of(report.objects(), "stored object"),
            cpFile == null ? "; no checkpoint (assay audit checkpoint)" : "; checkpoint " + cpFile + " matches");
      } else {
        AuditFinding first = report.first().orElseThrow();
        ctx.out().println("audit log does NOT verify: " + (first.seq() > 0 ? "first mismatch at entry " + first.seq()
            : "the store holds what the log never recorded"));
        report.findings().forEach(f -> ctx.out().println("  " + TerminalText.escape(f.toString())));
      }
      return report.ok() ? ExitCode.OK : ExitCode.GATE_FAIL;
    }
  }

  @Command(name = "checkpoint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Append a checkpoint entry and write the log's head (its number and hash) to a file; keep it "
          + "where the store's writers cannot change it. A later verify against it detects a truncated or rewritten log.")
  static final class Checkpoint implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Where to write it (default: " + DEFAULT_CHECKPOINT + " beside the store).")
    String output;

    @Mixin FormatOption format = new FormatOption();

    Checkpoint(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      AuditCheckpoint cp;
      Path file;
      try (StoreSession s = root.openStore()) {
        file = output != null ? ctx.resolve(output) : s.file().resolveSibling(DEFAULT_CHECKPOINT);
        AuditEntry head = s.audited().record(AuditEvent.of("audit.checkpoint", null, Subjects.log()));
        cp = AuditCheckpoint.of(head, ctx.clock().instant(), s.file().toString());
        cp.write(file);
      }
      if (format.json()) {
        ObjectNode o = cp.toJson();
        o.put("file", file.toString());
        RunViews.printJson(ctx.out(), o);
      } else {
        ctx.out().printf(Locale.ROOT, "checkpoint: entry %d, sha256 %s%nwritten to %s%n", cp.seq(), cp.hash(), file);
      }
      return ExitCode.OK;
    }
  }
}
