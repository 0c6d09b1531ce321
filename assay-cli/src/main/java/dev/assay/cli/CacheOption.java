package dev.assay.cli;

import picocli.CommandLine.Option;

/** {@code --no-cache}, shared by the commands that run systems (a picocli mixin). */
final class CacheOption {
  @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
  boolean noCache;

  boolean useCache() {
    return !noCache;
  }
}
