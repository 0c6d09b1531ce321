package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Store;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.store.Stores;
import dev.assay.store.StoreMigration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay store migrate}: copy a whole store into another (SQLite or PostgreSQL). */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Manage stores: copy one into another.", subcommands = {StoreCommand.Migrate.class})
final class StoreCommand implements Callable<Integer> {
  StoreCommand(AssayCommand root) {
    // sub-commands do the work
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay store migrate --to LOCATION");
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Copy every run (with its per-example results), dataset, verdict and plan of one store into"
          + " another, e.g. the embedded SQLite file into a team's PostgreSQL database.",
          "Locations are store files or jdbc:postgresql://HOST[:PORT]/DB URLs (user and password in the URL, or in"
              + " PGUSER and PGPASSWORD). Running it again finishes an interrupted copy; the source is only read."})
  static final class Migrate implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--from", paramLabel = "LOCATION",
        description = "The store to copy (default: --store, $ASSAY_STORE, else .assay/assay.db).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "LOCATION", description = "The store to copy into.")
    String to;

    @Mixin FormatOption format = new FormatOption();

    Migrate(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      CliContext ctx = root.ctx();
      Stores.Location source = Stores.locate(from != null ? from : root.store, ctx.env(), ctx.cwd());
      Stores.Location target = Stores.locate(to, java.util.Map.of(), ctx.cwd());
      if (source.equals(target)) {
        throw InputException.of("--from and --to name the same store (" + TerminalText.escape(target.display())
            + ")", "two different stores");
      }
      StoreMigration.Summary summary;
      try (Store src = Stores.openExisting(source, ctx.env()); Store dst = Stores.open(target, ctx.env())) {
        summary = new StoreMigration(src, dst, line -> ctx.err().println(TerminalText.escape(line))).run();
      }
      if (format.json()) {
        ObjectNode node = Json.object();
        node.put("from", source.display());
        node.put("to", target.display());
        node.put("datasets", summary.datasets());
        node.put("runs", summary.runs());
        node.put("results", summary.results());
        node.put("verdicts", summary.verdicts());
        node.put("plans", summary.plans());
        node.put("calibrations", summary.calibrations());
        RunViews.printJson(ctx.out(), node);
      } else {
        ctx.out().printf(Locale.ROOT, "copied %s (%s), %s, %s, %s%n  from %s%n  to   %s%n",
            Plural.of(summary.runs(), "run"), Plural.of(summary.results(), "result"),
            Plural.of(summary.datasets(), "dataset"), Plural.of(summary.verdicts(), "verdict"),
            Plural.of(summary.plans(), "plan"),
            TerminalText.escape(source.display()), TerminalText.escape(target.display()));
      }
      return ExitCode.OK;
    }
  }
}
