package dev.assay.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a plug-in (a system adapter or a scorer) may use of the outside world, given when it is
 * created. Relative paths a suite names (a predictions file, a script, a judge's rubric) resolve
 * against {@link #folder()}, never against the shell's working directory.
 *
 * @param suiteFile the suite file, for messages and as the base of relative paths; null when the
 *     plug-in is created outside a suite (then the working directory is the base)
 * @param workingDirectory the base of relative paths when there is no suite file
 * @param env the environment (API keys are read from it by name, never stored)
 * @param cache the response cache of the run ({@link ResponseCache#NONE} under {@code --no-cache})
 * @param clock the clock
 * @param models calls a model through the engine's rate limit, timeout, retries and cache
 */
public record PluginContext(Path suiteFile, Path workingDirectory, Map<String, String> env, ResponseCache cache,
    Clock clock, ModelCaller models) {
  public PluginContext {
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    env = env == null ? Map.of() : Map.copyOf(env);
    cache = cache == null ? ResponseCache.NONE : cache;
    clock = clock == null ? Clock.systemUTC() : clock;
    models = models == null ? ModelCaller.DIRECT : models;
  }

  /** A context for plug-ins made outside a run: no suite, no cache, direct model calls. */
  public static PluginContext standalone(Path workingDirectory, Map<String, String> env) {
    return new PluginContext(null, workingDirectory, env, ResponseCache.NONE, Clock.systemUTC(), ModelCaller.DIRECT);
  }

  /** The same context for plug-ins of {@code file}. */
  public PluginContext forSuite(Path file) {
    return new PluginContext(file, workingDirectory, env, cache, clock, models);
  }

  /** The folder relative paths resolve against: the suite's folder, else the working directory. */
  public Path folder() {
    Path parent = suiteFile == null ? null : suiteFile.toAbsolutePath().normalize().getParent();
    return parent != null ? parent : workingDirectory.toAbsolutePath().normalize();
  }

  /** {@code path} resolved against {@link #folder()} (an absolute path stays as it is). */
  public Path resolve(String path) {
    return folder().resolve(path).normalize();
  }
}
