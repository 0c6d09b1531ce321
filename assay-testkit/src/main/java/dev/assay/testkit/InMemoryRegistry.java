package dev.assay.testkit;

import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import dev.assay.core.registry.Reproduction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link Registry} held in memory, for tests of the registry services without a database.
 * Keeps every invariant of {@link Registry} except durability; one monitor guards all state.
 */
public final class InMemoryRegistry implements Registry {
  private final Map<String, Model> models = new TreeMap<>();
  private final Map<String, List<ModelVersion>> versions = new HashMap<>();
  private final Map<String, List<PolicyRecord>> policies = new HashMap<>();
  private final Map<String, List<AliasMove>> moves = new HashMap<>();
  private final Map<String, Map<String, Integer>> aliases = new HashMap<>();
  private final Map<String, Reproduction> reproductions = new java.util.LinkedHashMap<>();

  @Override
  public synchronized void createModel(Model model) {
    if (models.putIfAbsent(model.name(), model) != null) {
      throw new IllegalStateException("model '" + model.name() + "' already exists");
    }
  }

  @Override
  public synchronized Optional<Model> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  @Override
  public synchronized List<Model> models() {
    return new ArrayList<>(models.values());
  }

  @Override
  public synchronized ModelVersion addVersion(ModelVersion version) {
    requireModel(version.model());
    List<ModelVersion> list = versions.computeIfAbsent(version.model(), k -> new ArrayList<>());
    ModelVersion stored = version.withNumber(list.size() + 1);
    list.add(stored);
    return stored;
  }

  @Override
  public synchronized Optional<ModelVersion> version(String model, int number) {
    List<ModelVersion> list = versions.getOrDefault(model, List.of());
    return number >= 1 && number <= list.size() ? Optional.of(list.get(number - 1)) : Optional.empty();
  }

  @Override
  public synchronized List<ModelVersion> versions(String model) {
    return List.copyOf(versions.getOrDefault(model, List.of()));
  }

  @Override
  public synchronized PolicyRecord setPolicy(PolicyRecord policy) {
    requireModel(policy.model());
    List<PolicyRecord> list = policies.computeIfAbsent(policy.model(), k -> new ArrayList<>());
    PolicyRecord stored = policy.withRevision(list.size() + 1);
    list.add(stored);
    return stored;
  }

  @Override
  public synchronized Optional<PolicyRecord> policy(String model) {
    List<PolicyRecord> list = policies.getOrDefault(model, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  @Override
  public synchronized List<PolicyRecord> policies(String model) {
    return List.copyOf(policies.getOrDefault(model, List.of()));
  }

  @Override
  public synchronized void moveAlias(AliasMove move) {
    requireModel(move.model());
    Map<String, Integer> current = aliases.computeIfAbsent(move.model(), k -> new TreeMap<>());
    Integer holder = current.get(move.alias());
    if (!Objects.equals(holder, move.from())) {
      throw new IllegalStateException("alias '" + move.alias() + "' is held by " + holder + ", not " + move.from());
    }
    if (version(move.model(), move.to()).isEmpty()) {
      throw new IllegalStateException("no version " + move.to() + " of model '" + move.model() + "'");
    }
    boolean known = moves.values().stream().flatMap(List::stream).anyMatch(m -> m.id().equals(move.id()));
    if (known) {
      throw new IllegalStateException("alias move " + move.id() + " already exists");
    }
    moves.computeIfAbsent(move.model(), k -> new ArrayList<>()).add(move);
    current.put(move.alias(), move.to());
  }

  @Override
  public synchronized Map<String, Integer> aliases(String model) {
    return new TreeMap<>(aliases.getOrDefault(model, Map.of()));
  }

  @Override
  public synchronized List<AliasMove> aliasHistory(String model) {
    return List.copyOf(moves.getOrDefault(model, List.of()));
  }

  @Override
  public synchronized void saveReproduction(Reproduction reproduction) {
    if (reproductions.putIfAbsent(reproduction.id(), reproduction) != null) {
      throw new IllegalStateException("reproduction " + reproduction.id() + " already exists");
    }
  }

  @Override
  public synchronized List<Reproduction> reproductions() {
    return new ArrayList<>(reproductions.values());
  }

  private void requireModel(String name) {
    if (!models.containsKey(name)) {
      throw new IllegalStateException("no model '" + name + "'");
    }
  }
}
