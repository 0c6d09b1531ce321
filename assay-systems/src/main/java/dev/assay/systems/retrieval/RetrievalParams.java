package dev.assay.systems.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemSpec;
import dev.assay.systems.AdapterLimits;
import java.nio.file.Path;
import java.util.Set;

/**
 * The parameters of a retrieval system, read through the one reader {@link Params} so every fault
 * names the suite file, the system's line and the field {@code systems.NAME.PARAM} (nested
 * parameters: {@code systems.NAME.bm25.k1}); paths resolve against the suite's folder.
 */
final class RetrievalParams {
  private static final String CORPUS = "a JSONL file of {id, title?, text} records, relative to the suite's folder";

  private final Params params;
  private final SystemSpec spec;
  private final PluginContext context;

  RetrievalParams(SystemSpec spec, PluginContext context) {
    this.params = Params.of(spec, context.suiteFile());
    this.spec = spec;
    this.context = context;
  }

  /** The corpus named by parameter {@code corpus}, loaded. */
  Corpus corpus() {
    return Corpus.load(params.file("corpus", context.folder(), "a corpus file (JSONL)", CORPUS));
  }

  Params params() {
    return params;
  }

  /** A number of documents in {@link AdapterLimits#DOCUMENTS}, or {@code fallback} when absent. */
  int documents(String name, int fallback, String expected) {
    return params.integer(name, fallback, AdapterLimits.DOCUMENTS, expected);
  }

  /** The folder relative paths resolve against. */
  Path folder() {
    return context.folder();
  }

  /** The working directory (the base of default caches). */
  Path workingDirectory() {
    return context.workingDirectory();
  }

  InputException fault(String name, String problem, String expected) {
    return params.fault(name, problem, expected);
  }

  /**
   * The object parameter {@code name} (empty when absent) as parameters of its own, checked
   * against {@code allowed}; faults name {@code systems.NAME.name.KEY}.
   */
  RetrievalParams nested(String name, Set<String> allowed) {
    JsonNode v = params.raw(name);
    ObjectNode sub;
    if (v == null) {
      sub = null;
    } else if (v instanceof ObjectNode o) {
      sub = o;
    } else {
      throw params.fault(name, "got " + dev.assay.core.io.Describe.node(v), "an object of parameters: " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
    SystemSpec nestedSpec = new SystemSpec(spec.name() + "." + name, spec.type(), sub, spec.line());
    RetrievalParams nested = new RetrievalParams(nestedSpec, context);
    nested.params.allowOnly(allowed);
    return nested;
  }
}
