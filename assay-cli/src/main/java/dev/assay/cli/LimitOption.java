package dev.assay.cli;

import dev.assay.core.InputException;
import picocli.CommandLine.Option;

/** {@code --limit N} of the list commands (a picocli mixin): at most N items, 0 for all. */
final class LimitOption {
  @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
      description = "At most N, the most recent (default: all).")
  int limit;

  /** The limit, checked: 0 (all) or more. */
  int value() {
    if (limit < 0) {
      throw InputException.of("--limit " + limit + " is out of range", "an integer >= 0 (0: all)");
    }
    return limit;
  }
}
