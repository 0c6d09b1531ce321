package dev.assay.cli;

import dev.assay.core.DidYouMean;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The text of a command-line usage error. A mistyped command or option gets the nearest known name
 * (the same {@link DidYouMean} suites use), so {@code assay comapre} says {@code unknown command
 * 'comapre' (did you mean 'compare'? ...)} rather than picocli's "Unmatched argument at index 0".
 */
final class UsageErrors {
  private UsageErrors() {}

  /**
   * The message for {@code ex}. A mistyped option wins over whatever else went wrong: picocli checks
   * required options before it reports unmatched arguments, so {@code --confgi x} would otherwise
   * read "Missing required option '--config'" and hide the typo that caused it.
   */
  static String message(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return unmatched(ex.getCommandLine(), u.getUnmatched());
    }
    CommandLine cl = ex.getCommandLine();
    if (cl != null) {
      for (String arg : cl.getUnmatchedArguments()) {
        if (looksLikeOption(arg)) {
          return unknownOption(cl.getCommandSpec(), arg);
        }
      }
    }
    return ex.getMessage();
  }

  private static String unmatched(CommandLine cl, List<String> args) {
    CommandSpec spec = cl.getCommandSpec();
    String command = spec.qualifiedName();
    String first = args.get(0);
    if (looksLikeOption(first)) {
      return unknownOption(spec, first);
    }
    if (!cl.getSubcommands().isEmpty()) {
      TreeSet<String> names = new TreeSet<>(cl.getSubcommands().keySet());
      return (spec.parent() == null ? "unknown command '" + first + "'"
          : "'" + command + "' has no command '" + first + "'") + " (" + DidYouMean.expected(first, names) + ")";
    }
    return "unexpected argument '" + first + "' for '" + command + "'"
        + (args.size() > 1 ? " (and " + (args.size() - 1) + " more)" : "");
  }

  private static boolean looksLikeOption(String arg) {
    return arg.startsWith("-") && arg.length() > 1 && !isNumber(arg);
  }

  private static String unknownOption(CommandSpec spec, String arg) {
    String command = spec.qualifiedName();
    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    TreeSet<String> known = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        known.addAll(List.of(o.names()));
      }
    }
    Optional<String> near = DidYouMean.suggest(name, known);
    return "unknown option '" + name + "' for '" + command + "'"
        + near.map(n -> " (did you mean '" + n + "'?)").orElse(" (see '" + command + " --help')");
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
