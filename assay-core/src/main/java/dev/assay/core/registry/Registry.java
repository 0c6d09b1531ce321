package dev.assay.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where models, their versions, promotion policies, alias moves and rerun verifications live
 * (docs/registry.md). Plug-in point beside {@link dev.assay.core.Store}, with the conformance suite
 * {@code RegistryConformance} in assay-testkit. Storage only: what may be promoted is decided by
 * assay-registry's services.
 *
 * <p>Invariants every implementation keeps:
 *
 * <ul>
 *   <li>versions, policies, alias moves and reproductions are immutable once stored;
 *   <li>version numbers and policy revisions count 1, 2, 3... per model, assigned atomically (two
 *       concurrent registrations never get the same number);
 *   <li>{@link #moveAlias} is a compare-and-set: it applies only when the alias's holder is still
 *       the move's {@code from}, so a promotion judged against one champion never silently replaces
 *       another;
 *   <li>a version, policy or alias move refers to a stored model, and a move to a stored version;
 *       anything else is refused with IllegalStateException and stores nothing;
 *   <li>implementations are thread-safe.
 * </ul>
 */
public interface Registry {
  /** Stores a new model. Fails with IllegalStateException when the name is taken. */
  void createModel(Model model);

  Optional<Model> model(String name);

  /** Every model, by name. */
  List<Model> models();

  /**
   * Stores a new version of an existing model under the next number.
   *
   * @param version the version; its number is ignored
   * @return the version as stored, numbered
   */
  ModelVersion addVersion(ModelVersion version);

  Optional<ModelVersion> version(String model, int number);

  /** A model's versions, oldest first; empty for an unknown model. */
  List<ModelVersion> versions(String model);

  /**
   * Stores a new revision of an existing model's policy.
   *
   * @param policy the policy; its revision is ignored
   * @return the policy as stored, with its revision
   */
  PolicyRecord setPolicy(PolicyRecord policy);

  /** The latest revision of a model's policy. */
  Optional<PolicyRecord> policy(String model);

  /** Every revision of a model's policy, oldest first. */
  List<PolicyRecord> policies(String model);

  /**
   * Records an alias move and points the alias at {@code move.to()}, atomically.
   *
   * @throws IllegalStateException when the alias's current holder is not {@code move.from()} (null:
   *     no holder), when the model or the target version does not exist, or when the move's id is
   *     stored already; nothing is stored then
   */
  void moveAlias(AliasMove move);

  /** A model's aliases and the versions holding them, by alias name. */
  Map<String, Integer> aliases(String model);

  /** Every move of a model's aliases, oldest first. */
  List<AliasMove> aliasHistory(String model);

  /** Stores a rerun verification. Fails with IllegalStateException when its id exists. */
  void saveReproduction(Reproduction reproduction);

  /** Every stored rerun verification, oldest first. */
  List<Reproduction> reproductions();
}
