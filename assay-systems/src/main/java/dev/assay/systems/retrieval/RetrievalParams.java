package dev.assay.systems.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.SystemSpec;
import dev.assay.core.io.InputFiles;
import dev.assay.systems.AdapterLimits;
import dev.assay.systems.Params;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of a retrieval system, read through {@link Params} so every fault names the
 * suite file, the system's line and the field {@code systems.NAME.PARAM} (nested parameters:
 * {@code systems.NAME.bm25.k1}).
 */
final class RetrievalParams {
  private static final String CORPUS = "a JSONL file of {id, title?, text} records, relative to the suite's folder";

  private final Params params;
  private final SystemSpec spec;
  private final Path suiteFile;

  RetrievalParams(SystemSpec spec, Path suiteFile) {
    this.params = new Params(spec, suiteFile);
    this.spec = spec;
    this.suiteFile = suiteFile;
  }

  /** The corpus named by parameter {@code corpus}, loaded. */
  Corpus corpus() {
    Path file = params.resolve("corpus", params.requiredString("corpus", CORPUS));
    try {
      InputFiles.check(file, file.toString(), "a corpus file (JSONL)");
    } catch (InputException e) {
      throw params.fault("corpus", e.getMessage() + ": " + file, CORPUS);
    }
    return Corpus.load(file);
  }

  /** A number of documents in {@link AdapterLimits#DOCUMENTS}, or {@code fallback} when absent. */
  int documents(String name, int fallback, String expected) {
    return params.intIn(name, fallback, AdapterLimits.DOCUMENTS, expected);
  }

  /** A finite number in [min, max], or {@code fallback} when absent. */
  double number(String name, double fallback, double min, double max, String expected) {
    JsonNode v = params.get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < min || v.doubleValue() > max) {
      throw params.fault(name, "not a number in [" + min + ", " + max + "]: " + v, expected);
    }
    return v.doubleValue();
  }

  /** One of {@code choices} (case-insensitive, returned in lower case), or {@code fallback}. */
  String choice(String name, String fallback, Set<String> choices) {
    JsonNode v = params.get(name);
    if (v == null) {
      return fallback;
    }
    String s = v.isTextual() ? v.textValue().toLowerCase(Locale.ROOT) : null;
    if (s == null || !choices.contains(s)) {
      throw params.fault(name, "unknown value " + v, DidYouMean.expected(v.asText(), choices));
    }
    return s;
  }

  /** A string, or {@code fallback} when absent. */
  String string(String name, String fallback, String expected) {
    JsonNode v = params.get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw params.fault(name, "not a non-empty string: " + v, expected);
    }
    return v.textValue();
  }

  boolean has(String name) {
    return params.get(name) != null;
  }

  Path resolve(String name, String path) {
    return params.resolve(name, path);
  }

  InputException fault(String name, String problem, String expected) {
    return params.fault(name, problem, expected);
  }

  /**
   * The object parameter {@code name} (empty when absent) as parameters of its own, checked
   * against {@code allowed}; faults name {@code systems.NAME.name.KEY}.
   */
  RetrievalParams nested(String name, Set<String> allowed) {
    JsonNode v = params.get(name);
    ObjectNode sub;
    if (v == null) {
      sub = null;
    } else if (v instanceof ObjectNode o) {
      sub = o;
    } else {
      throw params.fault(name, "not an object: " + v, "an object of parameters, one of " + allowed);
    }
    SystemSpec nestedSpec = new SystemSpec(spec.name() + "." + name, spec.type(), sub, spec.line());
    RetrievalParams nested = new RetrievalParams(nestedSpec, suiteFile);
    nestedSpec.params().fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw nested.fault(k, "unknown parameter", DidYouMean.expected(k, allowed));
      }
    });
    return nested;
  }
}
