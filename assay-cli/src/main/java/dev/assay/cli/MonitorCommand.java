package dev.assay.cli;

import dev.assay.core.InputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assay monitor profile|check|watch}: drift monitoring after launch (docs/monitoring.md). */
@Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Profile evaluation data and check production data for drift.",
    subcommands = {MonitorProfileCommand.class, MonitorCheckCommand.class, MonitorWatchCommand.class})
final class MonitorCommand implements Callable<Integer> {
  MonitorCommand(AssayCommand root) {
    // sub-commands reach the root themselves
  }

  @Override
  public Integer call() {
    throw InputException.of("missing sub-command", "assay monitor profile | check | watch");
  }
}
