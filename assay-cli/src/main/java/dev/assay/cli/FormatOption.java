package dev.assay.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, shared by every command that prints results (a picocli mixin). */
final class FormatOption {
  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "How results are printed on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  boolean json() {
    return format == OutputFormat.json;
  }
}
