package dev.assay.systems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.NumberRange;
import dev.assay.core.SystemSpec;
import dev.assay.core.io.Describe;
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
      throw fault(name, "not a non-empty string: " + Describe.json(v), expected);
    }
    return v.textValue();
  }

  /**
   * An integer parameter within {@code range}, or {@code fallback} when absent.
   *
   * @throws InputException naming the parameter, its value and the range otherwise
   */
  public int intIn(String name, int fallback, NumberRange range, String expected) {
    JsonNode v = get(name);
    if (v == null) {
      return fallback;
    }
    check(name, v, range, expected);
    return v.intValue();
  }

  /** A number parameter within {@code range}, or null when absent. */
  public Double numberIn(String name, NumberRange range, String expected) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    check(name, v, range, expected);
    return v.doubleValue();
  }

  /** A 64-bit integer parameter within {@code range}, or null when absent. */
  public Long longIn(String name, NumberRange range, String expected) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    check(name, v, range, expected);
    return v.longValue();
  }

  private void check(String name, JsonNode v, NumberRange range, String expected) {
    if (range.contains(v)) {
      return;
    }
    throw fault(name, "got " + Describe.json(v), range.describe() + (expected == null ? "" : ": " + expected));
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
