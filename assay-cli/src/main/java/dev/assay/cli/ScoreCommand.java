package dev.assay.cli;

import dev.assay.core.InputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assay score retrieval|text|classification}: score files of outputs without running a suite. */
@Command(name = "score", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Score files of system outputs against references.",
    subcommands = {ScoreRetrievalCommand.class, ScoreTextCommand.class, ScoreClassificationCommand.class})
final class ScoreCommand implements Callable<Integer> {
  ScoreCommand(AssayCommand root) {
    // picocli builds sub-commands through the root; this command itself needs nothing from it
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay score retrieval | text | classification");
  }
}
