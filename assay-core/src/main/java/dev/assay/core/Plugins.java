package dev.assay.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds system adapters and scorers on the class path (ServiceLoader). */
public final class Plugins {
  /**
   * Parameters the engine reads from every system spec, whatever its adapter: {@code
   * rate_limit_rpm} (the system's own requests-per-minute limit).
   */
  public static final java.util.Set<String> ENGINE_PARAMETERS = java.util.Set.of("rate_limit_rpm");

  private final Map<String, SystemProvider> systems = new TreeMap<>();
  private final List<ScorerProvider> scorers = new ArrayList<>();

  private Plugins() {}

  /** The plug-ins visible to this class's loader. */
  public static Plugins load() {
    Plugins p = new Plugins();
    ClassLoader cl = Plugins.class.getClassLoader();
    for (SystemProvider sp : ServiceLoader.load(SystemProvider.class, cl)) {
      p.systems.put(sp.type(), sp);
    }
    for (ScorerProvider sp : ServiceLoader.load(ScorerProvider.class, cl)) {
      p.scorers.add(sp);
    }
    return p;
  }

  public java.util.Set<String> systemTypes() {
    return systems.keySet();
  }

  /**
   * Checks that {@code spec} names a known adapter type and only parameters that adapter
   * accepts or the engine reads ({@link #ENGINE_PARAMETERS}), without creating anything (no
   * process started, no connection opened). Deeper
   * checks of parameter values happen in {@link SystemProvider#create}.
   *
   * @throws InputException naming the suite file, the system's line and the field ({@code
   *     systems.NAME.type} or {@code systems.NAME.PARAM}) when the type or a parameter is unknown
   */
  public void checkSystem(SystemSpec spec, Path suiteFile) {
    SystemProvider provider = systems.get(spec.type());
    if (provider == null) {
      throw new InputException(suiteFile, spec.line(), "systems." + spec.name() + ".type",
          "unknown adapter '" + spec.type() + "'", DidYouMean.expected(spec.type(), systems.keySet()));
    }
    spec.params().fieldNames().forEachRemaining(k -> {
      if (!provider.parameters().contains(k) && !ENGINE_PARAMETERS.contains(k)) {
        throw new InputException(suiteFile, spec.line(), "systems." + spec.name() + "." + k,
            "unknown parameter for adapter '" + spec.type() + "'", DidYouMean.expected(k, provider.parameters()));
      }
    });
  }

  /**
   * Creates the system of {@code spec}.
   *
   * @throws InputException naming the suite file and line when the adapter type is unknown or
   *     its parameters are wrong
   */
  public SystemUnderTest system(SystemSpec spec, Path suiteFile) {
    checkSystem(spec, suiteFile);
    return systems.get(spec.type()).create(spec, suiteFile);
  }

  /** All metric base names known to the scorer providers. */
  public java.util.Set<String> metricNames() {
    TreeSet<String> names = new TreeSet<>();
    scorers.forEach(s -> names.addAll(s.names()));
    return names;
  }

  /**
   * The scorer of a metric spec {@code NAME[:key=value]...}.
   *
   * @param file the file naming the metric, for messages (may be null)
   * @param line its line, for messages
   * @throws InputException when no provider knows the name
   */
  public Scorer scorer(String spec, String file, int line) {
    for (ScorerProvider sp : scorers) {
      Optional<Scorer> s;
      try {
        s = sp.create(spec);
      } catch (InputException e) {
        // Providers know the metric, not where it was named: add the file and line.
        throw e.file() != null ? e : new InputException(file, line, e.field() == null ? "metrics" : e.field(),
            "metric '" + spec + "': " + e.getMessage(), e.expected());
      }
      if (s.isPresent()) {
        return s.get();
      }
    }
    String base = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    throw new InputException(file, line, "metrics", "unknown metric '" + base + "'",
        DidYouMean.expected(base, metricNames()));
  }
}
