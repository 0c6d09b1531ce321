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

  static String message(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return unmatched(ex.getCommandLine(), u.getUnmatched());
    }
    return ex.getMessage();
  }

  private static String unmatched(CommandLine cl, List<String> args) {
    CommandSpec spec = cl.getCommandSpec();
    String command = spec.qualifiedName();
    String first = args.get(0);
    if (first.startsWith("-") && first.length() > 1 && !isNumber(first)) {
      String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
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
    if (!cl.getSubcommands().isEmpty()) {
      TreeSet<String> names = new TreeSet<>(cl.getSubcommands().keySet());
      return (spec.parent() == null ? "unknown command '" + first + "'"
          : "'" + command + "' has no command '" + first + "'") + " (" + DidYouMean.expected(first, names) + ")";
    }
    return "unexpected argument '" + first + "' for '" + command + "'"
        + (args.size() > 1 ? " (and " + (args.size() - 1) + " more)" : "");
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
