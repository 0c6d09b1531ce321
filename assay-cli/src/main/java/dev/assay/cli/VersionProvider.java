package dev.assay.cli;

import dev.assay.core.LineageProbe;
import picocli.CommandLine.IVersionProvider;

/** {@code assay --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"assay " + LineageProbe.assayVersion()};
  }
}
