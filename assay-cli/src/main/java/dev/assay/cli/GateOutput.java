package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.AtomicFiles;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.GateResult;
import dev.assay.gate.InconclusivePolicy;
import dev.assay.report.HtmlReport;
import dev.assay.report.ReportInput;
import dev.assay.report.VerdictRenderers;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The verdict outputs shared by {@code assay compare --gate} and {@code assay gate} (a picocli mixin). */
final class GateOutput {
  @Option(names = "--inconclusive-is", defaultValue = "inconclusive", paramLabel = "POLICY",
      description = "Exit code of an INCONCLUSIVE verdict: fail (1), pass (0) or inconclusive (3, the default).")
  InconclusivePolicy policy;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one testcase per rule.")
  String junit;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown summary for a pull request.")
  String markdown;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the self-contained HTML report of the comparison.")
  String report;

  /** Writes the requested files, names the stored verdict, then returns the verdict's exit code under the policy. */
  int finish(CliContext ctx, ComparisonResult result) {
    GateResult verdict = result.verdict();
    if (junit != null) {
      write(ctx, junit, VerdictRenderers.junit(verdict));
    }
    if (markdown != null) {
      write(ctx, markdown, VerdictRenderers.markdown(verdict));
    }
    if (report != null) {
      write(ctx, report, new HtmlReport(ReportInput.of(result, result.report().comparisons().isEmpty() ? 0.95
          : result.report().comparisons().get(0).ci().confidence(), 200)).render());
    }
    VerdictRecord recorded = result.recorded();
    if (recorded != null) {
      ctx.err().println("verdict " + recorded.id() + " recorded (assay verdicts show " + recorded.id() + ")");
    }
    return policy.exitCode(verdict.verdict());
  }

  private static void write(CliContext ctx, String name, String text) {
    Path file = ctx.resolve(name);
    AtomicFiles.write(file, text);
    ctx.err().println("wrote " + file);
  }

  String text(GateResult result) {
    return VerdictRenderers.text(result, policy);
  }

  ObjectNode json(ComparisonResult result) {
    ObjectNode o = result.verdict().toJson();
    o.put("exit_code", policy.exitCode(result.verdict().verdict()));
    if (result.recorded() != null) {
      o.put("verdict_id", result.recorded().id());
    }
    return o;
  }
}
