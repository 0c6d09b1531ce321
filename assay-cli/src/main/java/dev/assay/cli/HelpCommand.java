package dev.assay.cli;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code assay help [COMMAND [SUBCOMMAND]...]}: the usage of any command of the tree, however deep
 * ({@code assay help runs list}). picocli's own help command looks one level down only. Added to
 * every command that has sub-commands, so {@code assay runs help list} works too.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Show the usage of a command: assay help run, assay help runs list.")
final class HelpCommand implements Callable<Integer>, CommandLine.IHelpCommandInitializable2 {
  @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command (and sub-commands) to explain.")
  List<String> path = new ArrayList<>();

  private CommandLine self;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.out = outWriter;
  }

  @Override
  public Integer call() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw InputException.of("'" + target.getCommandSpec().qualifiedName() + "' has no command '" + name + "'",
            DidYouMean.expected(name, target.getSubcommands().keySet()));
      }
      target = next;
    }
    target.usage(out);
    return ExitCode.OK;
  }
}
