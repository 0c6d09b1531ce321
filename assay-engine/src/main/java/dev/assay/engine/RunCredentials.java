package dev.assay.engine;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.text.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system spec and metric specs a run is resumed with. A run record keeps no URL credentials
 * ({@link RunRecord} strips user info and secret-looking query values), so when its spec or a
 * metric lost some, they come back from the suite file the run was started from, provided that
 * suite still declares the same system and metrics once stripped the same way. Without that file
 * the run cannot call its server as it did: an input error, before anything is called.
 */
final class RunCredentials {
  /** What to resume with: the real system spec and metric specs. */
  record Inputs(SystemSpec system, List<String> metrics) {}

  private RunCredentials() {}

  static Inputs restore(RunRecord header, Plugins plugins) {
    SystemSpec stored = header.system();
    boolean systemStripped = Secrets.hasStrippedUrlCredentials(stored.toJson().toString());
    boolean metricsStripped = header.metrics().stream().anyMatch(Secrets::hasStrippedUrlCredentials);
    if (!systemStripped && !metricsStripped) {
      return new Inputs(stored, header.metrics());
    }
    String what = systemStripped ? "system '" + stored.name() + "'" : "a metric";
    Suite suite = suite(header, what, plugins);
    SystemSpec real = stored;
    if (systemStripped) {
      real = suite.system(stored.name()).filter(s -> s.withoutUrlCredentials().toJson().equals(stored.toJson()))
          .orElseThrow(() -> changed(header, "system '" + stored.name() + "'"));
    }
    List<String> metrics = new ArrayList<>();
    for (String m : header.metrics()) {
      if (!Secrets.hasStrippedUrlCredentials(m)) {
        metrics.add(m);
        continue;
      }
      Optional<String> original = suite.metrics().stream()
          .filter(s -> Secrets.stripUrlCredentials(s).equals(m)).findFirst();
      metrics.add(original.orElseThrow(() -> changed(header, "metric '" + m + "'")));
    }
    return new Inputs(real, metrics);
  }

  private static Suite suite(RunRecord header, String what, Plugins plugins) {
    String path = header.suitePath();
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw InputException.of("run " + header.runId() + " calls " + what + " at a URL with credentials, which the "
          + "run record does not keep; they are read back from its suite " + (path == null ? "file" : path)
          + ", which is gone", "the suite file the run started from, or put the key in an environment variable "
          + "(api_key_env, ${NAME} in headers) and start a new run");
    }
    return new SuiteLoader(plugins).load(Path.of(path));
  }

  private static InputException changed(RunRecord header, String what) {
    return new InputException(header.suitePath(), 0, null, what + " of run " + header.runId()
        + " has credentials in a URL, which the run record does not keep, and the suite no longer declares it as"
        + " the run started", "the suite as it was when the run started");
  }
}
