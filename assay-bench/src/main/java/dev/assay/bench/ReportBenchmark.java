package dev.assay.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Whole-process benchmark of {@code assay report BASE CAND} on a 100,000-example comparison read
 * from the SQLite store (issue 12 item 17, docs/performance.md).
 *
 * <p>Writes a generated suite into a folder: {@code data.jsonl} (N short-answer examples tagged
 * {@code type} (3 values), {@code lang} (2), {@code topic} (60)), {@code base.jsonl} and {@code
 * cand.jsonl} ({@code predictions} answers with recorded latencies; the candidate is right a
 * little more often and a little faster) and {@code suite.yaml} ({@code exact_match}, {@code f1}).
 * The data is a function of N and the seed alone. With the path of {@code assay.jar} it then runs
 * the suite into {@code FOLDER/assay-store} (once) and times {@code assay report BASE CAND} as a whole
 * process under {@code /usr/bin/time}, printing wall, user and sys seconds and the load average
 * beside each; without it, it prints the commands.
 *
 * <p>Usage: {@code java -cp assay-bench/target/benchmarks.jar dev.assay.bench.ReportBenchmark
 * [--folder /tmp/assay-bench-report] [--examples 100000] [--seed 20261207] [--jar
 * assay-cli/target/assay.jar] [--repeat 3] [--java-options "-XX:+UseSerialGC"]}. {@code --java-options} (split at spaces) go before
 * {@code -jar} in the timed command: the {@code ./assay} launcher gives batch commands {@code
 * -XX:+UseSerialGC} and its class-data-sharing archive ({@code -XX:SharedArchiveFile=...}), so with
 * those options this times what a user of the launcher sees.
 */
public final class ReportBenchmark {
  static final String[] TYPES = {"factoid", "list", "numeric"};
  static final String[] LANGS = {"en", "de"};
  static final int TOPICS = 60;
  private static final String[] WORDS = {"red", "green", "blue", "north", "south", "river", "mountain", "city",
      "paris", "berlin", "seven", "twelve", "old", "new", "king", "queen", "stone", "iron", "gold", "silver"};

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of("/tmp/assay-bench-report");
    int n = 100_000;
    long seed = 20261207L;
    String jar = null;
    int repeat = 3;
    List<String> javaOptions = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--folder" -> folder = Path.of(args[++i]);
        case "--examples" -> n = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--jar" -> jar = args[++i];
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--java-options" -> javaOptions = List.of(args[++i].trim().split("\\s+"));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: [--folder DIR] [--examples N] [--seed S] [--jar assay.jar] [--repeat K] [--java-options OPTS]");
      }
    }
    Files.createDirectories(folder);
    if (!Files.exists(folder.resolve("suite.yaml"))) {
      write(folder, n, seed);
      System.out.printf(Locale.ROOT, "wrote a %,d-example suite to %s%n", n, folder);
    } else {
      System.out.println("using the suite already in " + folder + " (delete the folder to regenerate)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    if (jar == null) {
      System.out.println("then, from " + folder + ":");
      System.out.println("  " + java + " -jar ASSAY_JAR --store=assay-store run suite.yaml");
      System.out.println("  " + java + " -jar ASSAY_JAR --store=assay-store runs list   # the two run ids");
      System.out.println("  /usr/bin/time -f \"%e s wall, %U user, %S sys\" " + java
          + " -jar ASSAY_JAR --store=assay-store report BASE CAND --output report.html");
      return;
    }
    String assay = Path.of(jar).toAbsolutePath().toString();
    Path ids = folder.resolve("run-ids.txt");
    if (!Files.exists(folder.resolve("assay-store")) || !Files.exists(ids)) {
      List<String> out = run(folder, List.of(java, "-jar", assay, "--store=assay-store", "run", "suite.yaml"));
      Files.write(ids, runIds(String.join("\n", out)), StandardCharsets.UTF_8);
    }
    List<String> runIds = Files.readAllLines(ids, StandardCharsets.UTF_8);
    if (runIds.size() != 2) {
      throw new IllegalStateException(ids + " should hold two run ids (baseline, candidate), has " + runIds);
    }
    List<String> report = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e s wall, %U user, %S sys", java));
    javaOptions.stream().filter(o -> !o.isEmpty()).forEach(report::add);
    report.addAll(List.of("-jar", assay, "--store=assay-store", "report", runIds.get(0), runIds.get(1), "--output",
        "report.html"));
    System.out.println("cd " + folder + " && " + String.join(" ", report).replace("%e s wall, %U user, %S sys",
        "\"%e s wall, %U user, %S sys\""));
    for (int r = 0; r < repeat; r++) {
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      List<String> out = run(folder, report);
      System.out.printf(Locale.ROOT, "report %d: %s   (load before: %s)%n", r + 1, out.get(out.size() - 1), load);
    }
  }

  /** Writes data.jsonl, base.jsonl, cand.jsonl and suite.yaml for {@code n} examples. */
  static void write(Path folder, int n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter data = Files.newBufferedWriter(folder.resolve("data.jsonl"), StandardCharsets.UTF_8);
        BufferedWriter base = Files.newBufferedWriter(folder.resolve("base.jsonl"), StandardCharsets.UTF_8);
        BufferedWriter cand = Files.newBufferedWriter(folder.resolve("cand.jsonl"), StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        String id = String.format(Locale.ROOT, "q%06d", i);
        String reference = phrase(random, 1 + random.nextInt(3));
        ObjectNode example = Json.object().put("id", id).put("input", "question " + i).put("reference", reference);
        example.putObject("tags").put("type", TYPES[random.nextInt(TYPES.length)])
            .put("lang", LANGS[random.nextInt(LANGS.length)]).put("topic", "t" + random.nextInt(TOPICS));
        data.write(Json.MAPPER.writeValueAsString(example));
        data.newLine();
        base.write(answer(id, reference, random, 0.60, 420));
        base.newLine();
        cand.write(answer(id, reference, random, 0.62, 400));
        cand.newLine();
      }
    }
    Files.writeString(folder.resolve("suite.yaml"), """
        # Generated by dev.assay.bench.ReportBenchmark: the 100,000-example comparison of issue 12 item 17.
        name: report-bench
        dataset:
          path: data.jsonl
        systems:
          baseline:
            type: predictions
            path: base.jsonl
          candidate:
            type: predictions
            path: cand.jsonl
        metrics: [exact_match, f1]
        seed: 0
        """, StandardCharsets.UTF_8);
  }

  /** Right with probability {@code pRight}, else a partly overlapping or wrong phrase. */
  private static String answer(String id, String reference, SplittableRandom random, double pRight, int latency)
      throws IOException {
    double u = random.nextDouble();
    String output;
    if (u < pRight) {
      output = reference;
    } else if (u < pRight + (1 - pRight) / 2) {
      output = reference.split(" ")[0] + " " + phrase(random, 1 + random.nextInt(2));
    } else {
      output = phrase(random, 1 + random.nextInt(3));
    }
    long ms = Math.round(latency * Math.exp(0.5 * gaussian(random)));
    return Json.MAPPER.writeValueAsString(Json.object().put("id", id).put("output", output).put("latency_ms", ms));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static String phrase(SplittableRandom random, int words) {
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < words; w++) {
      b.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  /** The two run ids {@code assay run} printed, baseline first. */
  static List<String> runIds(String output) {
    List<String> ids = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12})\\b")
        .matcher(output);
    while (m.find()) {
      if (!ids.contains(m.group(1))) {
        ids.add(m.group(1));
      }
    }
    if (ids.size() < 2) {
      throw new IllegalStateException("could not find two run ids in the output of assay run:\n" + output);
    }
    return ids.subList(0, 2);
  }

  private static List<String> run(Path folder, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + code + ":\n" + String.join("\n", lines));
    }
    return lines;
  }
}
