package dev.assay.cli;

/** {@code --format}: human text or JSON on stdout. */
public enum OutputFormat {
  text,
  json
}
