package dev.assay.cli;

import dev.assay.core.InputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assay ab analyze|correlate}: online A/B readouts (docs/ab-testing.md). */
@Command(name = "ab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Read out online A/B experiments: SRM, CUPED, always-valid sequential tests, verdicts.",
    subcommands = {AbAnalyzeCommand.class, AbCorrelateCommand.class})
final class AbCommand implements Callable<Integer> {
  AbCommand(AssayCommand root) {
    // sub-commands reach the root themselves
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay ab analyze | correlate");
  }
}
