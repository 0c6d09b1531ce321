package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.gate.AtomicFiles;
import dev.assay.gate.GateReports;
import dev.assay.gate.GateResult;
import dev.assay.gate.InconclusivePolicy;
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

  /** Writes the report files, then returns the exit code of the verdict under the policy. */
  int finish(CliContext ctx, GateResult result) {
    if (junit != null) {
      Path file = ctx.resolve(junit);
      AtomicFiles.write(file, GateReports.junit(result));
      ctx.err().println("wrote " + file);
    }
    if (markdown != null) {
      Path file = ctx.resolve(markdown);
      AtomicFiles.write(file, GateReports.markdown(result));
      ctx.err().println("wrote " + file);
    }
    return policy.exitCode(result.verdict());
  }

  String text(GateResult result) {
    return GateReports.text(result, policy);
  }

  ObjectNode json(GateResult result) {
    ObjectNode o = result.toJson();
    o.put("exit_code", policy.exitCode(result.verdict()));
    return o;
  }
}
