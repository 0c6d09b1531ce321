package dev.assay.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** The {@code assay} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Path cwd = Path.of(System.getProperty("user.dir"));
    CliContext ctx = new CliContext(out, err, System.getenv(), cwd, Clock.systemUTC(), System.console() != null);
    System.exit(Cli.execute(ctx, args));
  }
}
