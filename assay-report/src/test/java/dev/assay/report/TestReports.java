package dev.assay.report;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonReport;
import dev.assay.gate.Pairing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/** Builds comparison reports of synthetic runs in code: seeded, no store, no engine. */
final class TestReports {
  private TestReports() {}

  static RunRecord header(String id, String system, int n) {
    return new RunRecord(1, id, "suite", "suite.yaml", "s-hash", Json.object(), system, Json.object(), "data.jsonl",
        "d-hash", n, 1, List.of("exact_match"), new Lineage("0.1.0", "abc123", false, "jvm", "os"), 7,
        Instant.EPOCH, Instant.EPOCH.plusSeconds(60), RunStatus.COMPLETED, new Counts(n, 0), Map.of());
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
      base.add(new ExampleResult(id, i, 0, TextNode.valueOf(b), Map.of("exact_match", b.equals(ref) ? 1.0 : 0.0),
          20 + rnd.nextDouble() * 80, null, null, null, null, 1, false));
      cand.add(new ExampleResult(id, i, 0, TextNode.valueOf(c), Map.of("exact_match", c.equals(ref) ? 1.0 : 0.0),
          10 + rnd.nextDouble() * 60, null, null, null, null, 1, false));
    }
    RunView bv = new RunView(header("base-run", "baseline", n), base);
    RunView cv = new RunView(header("cand-run", "candidate", n), cand);
    CompareOptions options = CompareOptions.defaults().withReplicates(200).withSeed(seed);
    Pairing pairing = Pairing.of(bv.scores(), cv.scores(), false);
    ComparisonReport cmp = ComparisonReport.of(pairing, options);
    return new ReportInput(bv, cv, DatasetView.of(examples), cmp, null, 0.95, maxFlips);
  }

  static String html(ReportInput in) {
    return new HtmlReport(in, Pairing.of(in.baseline().scores(), in.candidate().scores(), false)).render();
  }
}
