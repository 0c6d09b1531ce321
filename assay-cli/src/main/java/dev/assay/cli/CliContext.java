package dev.assay.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the outside world, injected so tests can check it: stdout (results),
 * stderr (progress, logs, errors), the environment, the working directory, the clock, and
 * whether stderr is an interactive terminal.
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Path cwd, Clock clock,
    boolean interactive) {
  /** Resolves a path given on the command line against the working directory. */
  public Path resolve(String path) {
    return cwd.resolve(path).normalize();
  }
}
