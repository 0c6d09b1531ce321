package dev.assay.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The system adapters and metric providers on the class path ({@link ServiceLoader}), loaded once
 * per process ({@link #installed()}).
 *
 * <p>Invariants: one provider per adapter type and per listed metric name (two providers claiming
 * the same one is an error naming both classes, found when the plug-ins are loaded); a metric spec
 * is described by exactly one provider (checked each time one is resolved, since providers may
 * accept names they do not list, such as {@code P_5}).
 */
public final class Plugins {
  /**
   * Parameters assay reads from every system spec, whatever its adapter: {@code rate_limit_rpm}
   * (the system's own requests-per-minute limit) and {@code nondeterministic} (the system may
   * answer differently to the same input, which {@code assay rerun --verify} takes into account).
   */
  public static final Set<String> ENGINE_PARAMETERS = Set.of("rate_limit_rpm", "nondeterministic");

  private final Map<String, SystemProvider> systems;
  private final List<ScorerProvider> scorers;

  private Plugins(List<SystemProvider> systemProviders, List<ScorerProvider> scorerProviders) {
    Map<String, SystemProvider> byType = new TreeMap<>();
    for (SystemProvider sp : systemProviders) {
      SystemProvider other = byType.putIfAbsent(sp.type(), sp);
      if (other != null) {
        throw conflict("adapter type '" + sp.type() + "'", other, sp);
      }
    }
    Map<String, ScorerProvider> byName = new TreeMap<>();
    for (ScorerProvider sp : scorerProviders) {
      for (String name : sp.names()) {
        ScorerProvider other = byName.putIfAbsent(name, sp);
        if (other != null) {
          throw conflict("metric '" + name + "'", other, sp);
        }
      }
    }
    this.systems = Collections.unmodifiableMap(byType);
    this.scorers = List.copyOf(scorerProviders);
  }

  /** The plug-ins on the class path, loaded on first use and shared for the life of the process. */
  public static Plugins installed() {
    return Installed.PLUGINS;
  }

  /** Plug-ins given explicitly (tests, embedding applications). */
  public static Plugins of(List<SystemProvider> systemProviders, List<ScorerProvider> scorerProviders) {
    return new Plugins(systemProviders, scorerProviders);
  }

  private static final class Installed {
    static final Plugins PLUGINS = load();

    private static Plugins load() {
      ClassLoader cl = Plugins.class.getClassLoader();
      List<SystemProvider> s = new ArrayList<>();
      ServiceLoader.load(SystemProvider.class, cl).forEach(s::add);
      List<ScorerProvider> m = new ArrayList<>();
      ServiceLoader.load(ScorerProvider.class, cl).forEach(m::add);
      return new Plugins(s, m);
    }
  }

  private static IllegalStateException conflict(String what, Object first, Object second) {
    return new IllegalStateException(what + " is claimed by two plug-ins: " + first.getClass().getName() + " and "
        + second.getClass().getName() + "; remove one of them from the class path");
  }

  public Set<String> systemTypes() {
    return systems.keySet();
  }

  /**
   * Checks that {@code spec} names a known adapter type and only parameters that adapter accepts
   * or the engine reads ({@link #ENGINE_PARAMETERS}), without creating anything. Deeper checks of
   * parameter values happen in {@link SystemProvider#create}.
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
   * Creates the system of {@code spec} for the suite of {@code context}.
   *
   * @throws InputException naming the suite file and line when the adapter type is unknown or its
   *     parameters are wrong
   */
  public SystemUnderTest system(SystemSpec spec, PluginContext context) {
    checkSystem(spec, context.suiteFile());
    return systems.get(spec.type()).create(spec, context);
  }

  /** All metric base names the providers list, sorted. */
  public Set<String> metricNames() {
    TreeSet<String> names = new TreeSet<>();
    scorers.forEach(s -> names.addAll(s.names()));
    return Collections.unmodifiableSet(names);
  }

  /** The metric providers, in class-path order. */
  List<ScorerProvider> scorerProviders() {
    return scorers;
  }

  /** The metric base names of each provider, by provider class (for listings). */
  public Map<String, Set<String>> metricNamesByProvider() {
    Map<String, Set<String>> out = new TreeMap<>();
    scorers.forEach(s -> out.put(s.getClass().getName(), new TreeSet<>(s.names())));
    return out;
  }

  /**
   * The metric of a spec {@code NAME[:key=value]...}, or empty when no provider knows the name (a
   * column of a score file). Never has side effects.
   *
   * @throws InputException when a provider knows the name but a parameter is wrong, or two
   *     providers claim it
   */
  public Optional<Metric> describe(String spec) {
    return resolve(spec).map(Resolved::metric);
  }

  /**
   * The metric of a spec named in a file.
   *
   * @param file the file naming the metric, for messages (may be null)
   * @param line its line, for messages
   * @throws InputException when no provider knows the name or a parameter is wrong
   */
  public Metric metric(String spec, String file, int line) {
    try {
      return resolve(spec).orElseThrow(() -> {
        String base = MetricName.baseOf(spec);
        return new InputException(file, line, "metrics", "unknown metric '" + base + "'",
            DidYouMean.expected(base, metricNames()));
      }).metric();
    } catch (InputException e) {
      // Providers know the metric, not where it was named: add the file and line.
      throw e.file() != null || file == null ? e : new InputException(file, line,
          e.field() == null ? "metrics" : e.field(), e.getMessage().startsWith("metric '") ? e.getMessage()
              : "metric '" + spec + "': " + e.getMessage(), e.expected());
    }
  }

  /**
   * The scorer of {@code spec} for a run.
   *
   * @throws InputException when the spec is unknown or the scorer cannot be made (a missing rubric)
   */
  public Scorer scorer(String spec, PluginContext context) {
    Resolved r = resolve(spec).orElseThrow(() -> InputException.of("unknown metric '" + MetricName.baseOf(spec) + "'",
        DidYouMean.expected(MetricName.baseOf(spec), metricNames())));
    return r.provider().scorer(r.metric(), context);
  }

  /** A metric with the provider that described it. */
  record Resolved(ScorerProvider provider, Metric metric) {}

  /** The provider that describes {@code spec} and its metric; empty when none knows the name. */
  Optional<Resolved> resolve(String spec) {
    Resolved found = null;
    for (ScorerProvider sp : scorers) {
      Optional<Metric> m = sp.metric(spec);
      if (m.isPresent()) {
        if (found != null) {
          throw InputException.of("metric '" + spec + "' is claimed by two plug-ins: "
              + found.provider().getClass().getName() + " and " + sp.getClass().getName(),
              "one provider per metric name; remove one plug-in");
        }
        found = new Resolved(sp, m.get());
      }
    }
    return Optional.ofNullable(found);
  }
}
