package dev.assay.report;

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

  static RunRecord header(String id, String system, int n) {
    return RunRecord.started(id, "suite", "suite.yaml", "s-hash", Json.object(),
        new SystemSpec(system, "predictions", null, 0), null, "data.jsonl", "d-hash", n, 1,
        List.of("exact_match"), null, null, new Lineage("0.1.0", "abc123", false, "jvm", "os"), 7, Instant.EPOCH)
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
    ComparisonResult result = service.compare(Side.ofRun(header("base-run", "baseline", n), base),
        Side.ofRun(header("cand-run", "candidate", n), cand),
        ComparisonService.Request.of(options).withDataset(new Dataset("data.jsonl", examples, "d-hash")));
    return ReportInput.of(result, 0.95, maxFlips);
  }

  static String html(ReportInput in) {
    return new HtmlReport(in).render();
  }
}
