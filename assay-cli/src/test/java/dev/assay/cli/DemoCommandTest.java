package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job: {@code assay demo} runs the retrieval example end to end and writes its report. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoRunsBothSystemsAppliesTheGateAndWritesTheReport() throws Exception {
    Path project = Path.of(System.getProperty("user.dir")).getParent();
    String previous = System.setProperty("assay.home", project.toString());
    try {
      CliHarness.Result r = new CliHarness(dir).run("demo", "--replicates", "2000");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).containsPattern("system bm25  completed  ok 134  error 0")
          .containsPattern("system hybrid  completed  ok 134  error 0")
          .contains("ndcg_cut_10", "recall_10", "recip_rank", "latency_p95")
          .containsPattern("verdict: (PASS|FAIL|INCONCLUSIVE)");
      Path report = dir.resolve(".assay/demo-report.html");
      assertThat(report).exists();
      String html = Files.readString(report);
      assertThat(html).contains("<svg", "ndcg_cut_10", "Verdict", "assay report: hybrid vs bm25")
          .as("self-contained: nothing loaded from a network").doesNotContainPattern("(src|href)=\"?https?:|url\\(https?:");
    } finally {
      if (previous == null) {
        System.clearProperty("assay.home");
      } else {
        System.setProperty("assay.home", previous);
      }
    }
  }
}
