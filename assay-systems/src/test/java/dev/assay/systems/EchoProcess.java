package dev.assay.systems;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test program speaking {@link CommandSystem}'s JSONL protocol: answers each request with its
 * input text unless an option says otherwise. It reads JSON with {@link MiniJson}, not Jackson,
 * to start fast.
 *
 * <p>Options: {@code --answer cwd|env:NAME} (answer the working directory or a variable instead),
 * {@code --pid-in-output} (append {@code " @PID"}), {@code --error-on-id X}, {@code --crash-on-id
 * X --marker FILE} (the first time only, while FILE does not exist: create it, write to stderr,
 * exit with code 3), {@code --close-stdout-on-id X} (close stdout and keep running), {@code
 * --wrong-id-on X}, {@code --garbage-on X}, {@code --sleep-ms N} with optional {@code
 * --sleep-only-id X}, {@code --stderr-kb N} (write N KiB to stderr per request), {@code
 * --rendezvous DIR --parties N} (each request, before any sleep, records its arrival in DIR and
 * waits until N requests, from any process, have arrived), {@code --hang-on-sigterm} (a shutdown hook that never ends).
 */
public final class EchoProcess {
  private final Map<String, String> options;

  private EchoProcess(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      options.put(args[i], flag ? "" : args[++i]);
    }
    new EchoProcess(options).run();
  }

  /** The command line that runs this program with {@code args} in a fresh JVM. */
  static List<String> command(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), EchoProcess.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void run() throws Exception {
    if (options.containsKey("--hang-on-sigterm")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Thread.sleep(600_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    String line;
    while ((line = in.readLine()) != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> request = (Map<String, Object>) MiniJson.parse(line);
      String id = (String) request.get("id");
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("id", id);
      if (is("--stderr-kb")) {
        String chunk = "x".repeat(1023);
        for (int k = 0; k < Integer.parseInt(options.get("--stderr-kb")); k++) {
          err.println(chunk);
        }
      }
      if (id.equals(options.get("--crash-on-id")) && !Files.exists(Path.of(options.get("--marker")))) {
        Files.createFile(Path.of(options.get("--marker")));
        err.println("about to crash on " + id);
        err.println("crashing on " + id);
        System.exit(3);
      }
      if (id.equals(options.get("--close-stdout-on-id"))) {
        out.close();
        Thread.sleep(600_000);
      }
      if (is("--rendezvous")) {
        rendezvous(Path.of(options.get("--rendezvous")), Integer.parseInt(options.get("--parties")), id);
      }
      if (is("--sleep-ms") && (!is("--sleep-only-id") || id.equals(options.get("--sleep-only-id")))) {
        Thread.sleep(Long.parseLong(options.get("--sleep-ms")));
      }
      if (id.equals(options.get("--garbage-on"))) {
        out.write("this is not JSON\n");
        out.flush();
        continue;
      }
      if (id.equals(options.get("--wrong-id-on"))) {
        answer.put("id", "not-" + id);
      }
      if (id.equals(options.get("--error-on-id"))) {
        answer.put("error", "refusing to answer " + id);
      } else {
        answer.put("output", output(request));
        answer.put("tokens_in", java.math.BigDecimal.valueOf(3));
        answer.put("cost", new java.math.BigDecimal("0.5"));
      }
      out.write(MiniJson.write(answer));
      out.write('\n');
      out.flush();
    }
  }

  private boolean is(String option) {
    return options.containsKey(option);
  }

  private String output(Map<String, Object> request) {
    Object input = request.get("input");
    String answer = input instanceof String s ? s : MiniJson.write(input);
    String what = options.getOrDefault("--answer", "echo");
    if (what.equals("cwd")) {
      answer = Path.of("").toAbsolutePath().toString();
    } else if (what.startsWith("env:")) {
      answer = String.valueOf(System.getenv(what.substring(4)));
    }
    return is("--pid-in-output") ? answer + " @" + ProcessHandle.current().pid() : answer;
  }

  private static void rendezvous(Path dir, int parties, String id) throws IOException, InterruptedException {
    Files.createFile(dir.resolve(ProcessHandle.current().pid() + "-" + id));
    while (true) {
      try (var files = Files.list(dir)) {
        if (files.count() >= parties) {
          return;
        }
      }
      Thread.sleep(10);
    }
  }
}
