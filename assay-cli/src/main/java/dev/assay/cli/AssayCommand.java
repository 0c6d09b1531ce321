package dev.assay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code assay} command: options shared by every sub-command. */
@Command(
    name = "assay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Evaluate models and AI systems with paired statistics and evidence-based ship gates.",
    subcommands = {RunCommand.class, RunsCommand.class, CompareCommand.class, GateCommand.class, PlanCommand.class,
        VerdictsCommand.class, StoreCommand.class, DemoCommand.class, ScoreCommand.class, ReportCommand.class,
        CardCommand.class, CacheCommand.class, ModelsCommand.class, AuditCommand.class, RerunCommand.class,
        CoverageCommand.class, ScorecardCommand.class, ServeCommand.class, TokensCommand.class, MonitorCommand.class,
        AbCommand.class, HelpCommand.class})
final class AssayCommand {
  private final CliContext ctx;

  @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "PATH",
      description = "Store file or folder (default: $ASSAY_STORE, else .assay/assay.db).")
  String store;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  AssayCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  CliContext ctx() {
    return ctx;
  }

  StoreSession openStore() {
    return new StoreSession(ctx, store);
  }
}
