package dev.assay.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the CLI in-process with captured stdout and stderr, in a workspace folder. */
final class CliHarness {
  final Path dir;

  CliHarness(Path dir) {
    this.dir = dir;
  }

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs with {@code env} as the process environment (API keys, ASSAY_* variables). */
  Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), env, dir,
        Clock.systemUTC(), false);
    int code = Cli.execute(ctx, args);
    return new Result(code, out.toString(), err.toString());
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /** A dataset of {@code n} questions whose answer is the question in upper case (every 4th is not). */
  Path dataset(String name, int n) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String ref = i % 4 == 3 ? "nope" : ("QUESTION " + i);
      sb.append("{\"id\":\"q").append(i).append("\",\"input\":\"question ").append(i)
          .append("\",\"reference\":\"").append(ref).append("\",\"tags\":{\"half\":\"").append(i < n / 2 ? "a" : "b")
          .append("\"}}\n");
    }
    return write(name, sb.toString());
  }

  /** A suite over {@code data.jsonl} with one fake system in upper mode and the given extra system lines. */
  Path suite(String name, String systems, String extra) throws IOException {
    return write(name, "name: cli-test\n"
        + "dataset:\n  path: data.jsonl\n"
        + "systems:\n" + systems
        + "metrics: [exact_match, contains]\n"
        + "concurrency: 4\n" + extra);
  }

  /** Runs {@code assay run SUITE --format json}, which must succeed, and returns the run ids in suite order. */
  java.util.List<String> runIds(String suite) throws IOException {
    Result r = run("run", suite, "--format", "json");
    if (r.code() != 0) {
      throw new AssertionError("assay run " + suite + " failed\n" + r);
    }
    java.util.List<String> ids = new java.util.ArrayList<>();
    dev.assay.core.Json.MAPPER.readTree(r.out()).path("runs").forEach(n -> ids.add(n.path("run_id").asText()));
    return ids;
  }

  /** The workspace's store file (what every command opens by default). */
  Path storeFile() {
    return dir.resolve(".assay/assay.db");
  }

  /** Opens the workspace's store; the caller closes it. */
  dev.assay.store.SqliteStore store() {
    return dev.assay.store.SqliteStore.open(storeFile());
  }

  /** Runs one SQL statement on the store file behind assay's back (to simulate tampering or loss). */
  int sql(String statement) throws java.sql.SQLException {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + storeFile());
        var s = c.createStatement()) {
      return s.executeUpdate(statement);
    }
  }

  /**
   * Every command of the tree (aliases once, the root as the empty path), keyed by its path of names
   * below {@code assay}, in declaration order: tests that walk it cover a command added tomorrow too.
   */
  static java.util.Map<java.util.List<String>, picocli.CommandLine> commandTree(Path dir) {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(),
        dir, Clock.systemUTC(), false);
    java.util.Map<java.util.List<String>, picocli.CommandLine> out = new java.util.LinkedHashMap<>();
    walk(Cli.commandLine(ctx), new java.util.ArrayList<>(), out);
    return out;
  }

  private static void walk(picocli.CommandLine cl, java.util.List<String> path,
      java.util.Map<java.util.List<String>, picocli.CommandLine> out) {
    out.put(java.util.List.copyOf(path), cl);
    cl.getSubcommands().forEach((name, sub) -> {
      if (!name.equals(sub.getCommandName())) {
        return; // an alias
      }
      path.add(name);
      walk(sub, path, out);
      path.remove(path.size() - 1);
    });
  }

  static final String FAKE_UPPER = "  upper:\n    type: fake\n    mode: upper\n";
}
