package dev.assay.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.SystemSpec;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.Side;
import dev.assay.testkit.InMemoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/** Builds comparison reports of synthetic runs in code: seeded, an in-memory store, no engine. */
final class TestReports {
  private TestReports() {}

  /** Realistic widths: ids, paths and hashes as long as real ones, so layout tests see real lengths. */
  static final String SUITE_HASH = "a33d2843288e4daf2e48e74107774b23f1ac5c3f794da7478f5799cd93a2c3f7";
  static final String DATA_HASH = "9cea2998bdce754cb47e479658363a29a71dc76362b5dff818b6f6cc958b9c59";

  static RunRecord header(String id, String system, int n) {
    ObjectNode params = Json.object();
    params.put("command", "python3 serve.py --model /models/checkpoints/" + system + "-2024-06-07-final");
    params.put("max_tokens", 256);
    params.put("api_key", "sk-test-0000000000000000");
    return RunRecord.started(id, "suite", "/home/someone/projects/evaluation/suites/short-answer-qa/suite.yaml",
        SUITE_HASH, Json.object(), new SystemSpec(system, "command", params, 0), null,
        "/home/someone/projects/evaluation/data/short-answer-qa-2024-06.jsonl", DATA_HASH, n, 1,
        List.of("exact_match"), null, null, new Lineage("0.1.0-SNAPSHOT", "0123456789abcdef0123456789abcdef01234567",
            false, "Debian OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1", "Linux 6.18.44 amd64"), 7,
        Instant.EPOCH)
        .finish(RunStatus.COMPLETED, Instant.EPOCH.plusSeconds(60), new Counts(n, 0), Map.of());
  }

  /** Labels a/b/c classifier runs: baseline right with p .8, candidate with p .75; outputs from {@code outputs}. */
  static ReportInput input(int n, long seed, IntFunction<String> candidateOutput, int maxFlips) {
    Random rnd = new Random(seed);
    String[] labels = {"a", "b", "c"};
    List<Example> examples = new ArrayList<>();
    List<ExampleResult> base = new ArrayList<>();
    List<ExampleResult> cand = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "e" + i;
      String ref = labels[rnd.nextInt(3)];
      examples.add(new Example(id, TextNode.valueOf("input " + i), TextNode.valueOf(ref),
          Map.of("lang", i % 2 == 0 ? "en" : "de", "len", i % 3 == 0 ? "long" : "short"), null, i + 1));
      String b = rnd.nextDouble() < 0.8 ? ref : labels[rnd.nextInt(3)];
      String override = candidateOutput.apply(i);
      String c = override != null ? override : rnd.nextDouble() < 0.75 ? ref : labels[rnd.nextInt(3)];
      base.add(new ExampleResult(id, i, 0, TextNode.valueOf(b), Map.of("exact_match", Score.of(b.equals(ref) ? 1 : 0)),
          20 + rnd.nextDouble() * 80, null, null, null, null, 1, false));
      cand.add(new ExampleResult(id, i, 0, TextNode.valueOf(c), Map.of("exact_match", Score.of(c.equals(ref) ? 1 : 0)),
          10 + rnd.nextDouble() * 60, null, null, null, null, 1, false));
    }
    ComparisonService service = new ComparisonService(new InMemoryStore(), Plugins.installed(),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    CompareOptions options = CompareOptions.defaults().withReplicates(200).withSeed(seed);
    ComparisonResult result = service.compare(Side.ofRun(header(BASE_RUN, "baseline", n), base),
        Side.ofRun(header(CAND_RUN, "candidate", n), cand),
        ComparisonService.Request.of(options).withDataset(new Dataset("data.jsonl", examples, "d-hash")));
    return ReportInput.of(result, 0.95, maxFlips);
  }

  static final String BASE_RUN = "01a25120-7979-7000-bdf7-b420f6d99bdd";
  static final String CAND_RUN = "01a25120-86bb-7000-a60d-185aa7a9ccc4";

  static String html(ReportInput in) {
    return new HtmlReport(in).render();
  }
}
