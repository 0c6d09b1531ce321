package dev.assay.systems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.SystemSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads one system spec's parameters for a provider; every fault is an {@link InputException}
 * naming the suite file, the spec's line and the field {@code systems.NAME.PARAM}.
 */
public final class Params {
  private final SystemSpec spec;
  private final Path suiteFile;

  public Params(SystemSpec spec, Path suiteFile) {
    this.spec = spec;
    this.suiteFile = suiteFile;
  }

  /** The value of a parameter; null when absent or JSON null. */
  public JsonNode get(String name) {
    JsonNode v = spec.params().get(name);
    return v == null || v.isNull() ? null : v;
  }

  public String requiredString(String name, String expected) {
    JsonNode v = get(name);
    if (v == null) {
      throw fault(name, "missing", expected);
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw fault(name, "not a non-empty string: " + v, expected);
    }
    return v.textValue();
  }

  public int positiveInt(String name, int fallback, String expected) {
    JsonNode v = get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < 1) {
      throw fault(name, "not a positive integer: " + v, expected);
    }
    return v.asInt();
  }

  /** The folder relative paths resolve against: the suite's folder, else the working directory. */
  public Path baseFolder() {
    Path parent = suiteFile == null ? null : suiteFile.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /** Parameter {@code name}'s {@code path} resolved against {@link #baseFolder()}. */
  public Path resolve(String name, String path) {
    try {
      return baseFolder().resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw fault(name, "not a valid path: " + e.getReason(), "a path relative to the suite's folder");
    }
  }

  public InputException fault(String name, String problem, String expected) {
    return new InputException(suiteFile, spec.line(), "systems." + spec.name() + "." + name, problem, expected);
  }
}
