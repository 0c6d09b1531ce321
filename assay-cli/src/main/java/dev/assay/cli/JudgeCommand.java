package dev.assay.cli;

import dev.assay.core.InputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assay judge calibrate}: whether to believe an LLM judge (docs/judges.md). */
@Command(name = "judge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Calibrate LLM judges against human labels; estimate judged rates with prediction-powered intervals.",
    subcommands = {JudgeCalibrateCommand.class, JudgeEstimateCommand.class, JudgePairwiseCommand.class,
        JudgeRankCommand.class})
final class JudgeCommand implements Callable<Integer> {
  JudgeCommand(AssayCommand root) {
    // picocli builds sub-commands through the root; this command itself needs nothing from it
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay judge calibrate | estimate | pairwise | rank");
  }
}
