package dev.assay.registry;

import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.gate.Gate;
import dev.assay.gate.GateLoader;
import java.nio.file.Path;

/**
 * A suite as it is now, as far as the freshness of evidence goes: its name, its dataset's content
 * hash and its gate's hash.
 *
 * @param name the suite's name (verdicts record it)
 * @param datasetHash the sha256 of its dataset as the file reads now
 * @param gateHash the hash of its gate section, null when it has none
 * @param suite the parsed suite
 */
public record CurrentSuite(String name, String datasetHash, String gateHash, Suite suite) {
  /** Where the current state of a suite comes from (files on the command line; a server may differ). */
  @FunctionalInterface
  public interface Source {
    /**
     * @throws dev.assay.core.InputException when the suite or its dataset cannot be read
     */
    CurrentSuite read(Path suiteFile);
  }

  /** Reads suites, datasets and gates from files, checking them against the installed plug-ins. */
  public static Source files(Plugins plugins) {
    return file -> {
      Suite suite = new SuiteLoader(plugins).load(file);
      String dataset = DatasetLoader.load(suite.dataset()).hash();
      String gate = GateLoader.fromSuite(suite).map(Gate::hash).orElse(null);
      return new CurrentSuite(suite.name(), dataset, gate, suite);
    };
  }
}
