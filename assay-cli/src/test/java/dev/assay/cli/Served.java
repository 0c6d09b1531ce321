package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code assay serve} running in-process on a free loopback port until {@link #close}. */
final class Served implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)/");

  /** The base URL, without a trailing slash. */
  final String url;
  final StringWriter err;
  private final CompletableFuture<Integer> code;

  private Served(String url, StringWriter err, CompletableFuture<Integer> code) {
    this.url = url;
    this.err = err;
    this.code = code;
  }

  /** Starts {@code assay [global...] serve --port 0 [args...]} in {@code dir} and waits until it listens. */
  static Served start(Path dir, Map<String, String> env, List<String> global, String... args)
      throws InterruptedException {
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), env, dir,
        Clock.systemUTC(), false);
    String[] argv = Stream.of(global.stream(), Stream.of("serve", "--port", "0"), Stream.of(args))
        .flatMap(s -> s).toArray(String[]::new);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Cli.execute(ctx, argv));
    for (int i = 0; i < 1200; i++) {
      Matcher m = URL.matcher(err.toString());
      if (m.find()) {
        return new Served(m.group(1), err, code);
      }
      assertThat(code).as("assay serve ended early: %s", err).isNotDone();
      Thread.sleep(50);
    }
    ServeCommand.stopAll();
    throw new AssertionError("assay serve did not start: " + err);
  }

  /** Stops the server and returns its exit code. */
  int stop() throws Exception {
    ServeCommand.stopAll();
    return code.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (!code.isDone()) {
      stop();
    }
  }
}
