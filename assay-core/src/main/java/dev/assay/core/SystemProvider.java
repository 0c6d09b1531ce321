package dev.assay.core;

import java.util.Set;

/**
 * Plug-in point for system adapters, found with {@link java.util.ServiceLoader} and loaded once
 * per process by {@link Plugins}.
 *
 * <p>{@link #create} validates the spec's parameter values and throws {@link InputException}
 * naming the suite file and the parameter on bad ones, before any run is created. Relative paths
 * resolve against {@link PluginContext#folder()}.
 */
public interface SystemProvider {
  /** The adapter type named in suites, e.g. {@code command}. */
  String type();

  /** Parameter names this adapter accepts; others are an input error. */
  Set<String> parameters();

  /** @param spec the system as declared in the suite */
  SystemUnderTest create(SystemSpec spec, PluginContext context);
}
