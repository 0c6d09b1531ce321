package dev.assay.core;

import java.nio.file.Path;
import java.util.Set;

/**
 * Plug-in point for system adapters, found with {@link java.util.ServiceLoader}.
 *
 * <p>{@link #create} validates the spec's parameters and throws {@link InputException} naming
 * the suite file and the parameter on bad ones, before any run is created.
 */
public interface SystemProvider {
  /** The adapter type named in suites, e.g. {@code command}. */
  String type();

  /** Parameter names this adapter accepts; others are an input error. */
  Set<String> parameters();

  /**
   * @param spec the system as declared in the suite
   * @param suiteFile the suite file (for messages); relative paths resolve against its folder
   */
  SystemUnderTest create(SystemSpec spec, Path suiteFile);
}
