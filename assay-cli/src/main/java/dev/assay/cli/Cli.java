package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.RunFailedException;
import dev.assay.core.text.TerminalText;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Builds and runs the {@code assay} command line with injected streams; maps every failure to
 * one message and an exit code in one place.
 *
 * <p>Bad input ({@link InputException}, a picocli usage error) prints {@code error: ...} and exits
 * 2; anything else is an internal error, exit 4. Stack traces appear only with {@code --debug}.
 */
public final class Cli {
  private Cli() {}

  /** Runs {@code args} and returns the exit code; output goes to the context's writers. */
  public static int execute(CliContext ctx, String... args) {
    CommandLine cl = commandLine(ctx);
    int code = cl.execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /**
   * The whole command tree, wired to the context: every command that has sub-commands also gets
   * {@code help} ({@link HelpCommand}), so {@code assay runs help list} works like {@code assay help
   * runs list}.
   */
  static CommandLine commandLine(CliContext ctx) {
    AssayCommand root = new AssayCommand(ctx);
    ContextFactory factory = new ContextFactory(root);
    CommandLine cl = new CommandLine(root, factory);
    addHelp(cl, factory);
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(usageErrors());
    cl.setExecutionExceptionHandler(failures(root));
    return cl;
  }

  private static void addHelp(CommandLine cl, CommandLine.IFactory factory) {
    if (cl.getCommandSpec().helpCommand()) {
      return;
    }
    for (CommandLine sub : java.util.List.copyOf(cl.getSubcommands().values())) {
      addHelp(sub, factory);
    }
    if (!cl.getSubcommands().isEmpty() && !cl.getSubcommands().containsKey("help")) {
      cl.addSubcommand("help", new CommandLine(HelpCommand.class, factory));
    }
  }

  private static IParameterExceptionHandler usageErrors() {
    return (ParameterException ex, String[] args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      // The message quotes the arguments as typed: escape them like any other text.
      err.println("error: " + TerminalText.escape(UsageErrors.message(ex)));
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCode.INPUT_ERROR;
    };
  }

  private static IExecutionExceptionHandler failures(AssayCommand root) {
    return (Exception ex, CommandLine cl, CommandLine.ParseResult parsed) -> {
      PrintWriter err = cl.getErr();
      Throwable cause = unwrap(ex);
      int code;
      if (cause instanceof InputException ie) {
        err.println("error: " + ie.render());
        code = ExitCode.INPUT_ERROR;
      } else if (cause instanceof RunFailedException rf) {
        err.println("error: " + TerminalText.escape(rf.getMessage()));
        code = ExitCode.RUN_FAILED;
      } else if (cause instanceof InterruptedException) {
        err.println("error: interrupted; the run was marked aborted and can be finished with --resume");
        code = ExitCode.INTERNAL_ERROR;
      } else {
        err.println("internal error: " + TerminalText.escape(String.valueOf(cause))
            + (root.debug ? "" : " (run with --debug for the stack trace)"));
        code = ExitCode.INTERNAL_ERROR;
      }
      if (root.debug) {
        cause.printStackTrace(err);
      }
      err.flush();
      return code;
    };
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.ExecutionException || c instanceof java.io.UncheckedIOException
        && c.getCause() instanceof InputException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Lets sub-commands reach the root (and so the context) through their constructor. */
  private static final class ContextFactory implements CommandLine.IFactory {
    private final AssayCommand root;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(AssayCommand root) {
      this.root = root;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == AssayCommand.class) {
        return cls.cast(root);
      }
      for (var c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == AssayCommand.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(root));
        }
      }
      return fallback.create(cls);
    }
  }
}
