package dev.assay.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One move of an alias ({@code champion}, {@code challenger}, ...) from one version to another, with
 * the evidence that allowed it. Immutable; the history of moves is the alias's history.
 *
 * @param id unique, time-ordered
 * @param model the model
 * @param alias the alias moved
 * @param from the version that held it before, null when none did
 * @param to the version that holds it now
 * @param kind a promotion on the evidence, an override, or a rollback
 * @param at when
 * @param actor who
 * @param reason the override's reason (required for overrides), or a rollback's optional reason
 * @param evidence the ids of the verdicts that satisfied the policy (empty for overrides and rollbacks)
 * @param detail the policy evaluation behind the move: each requirement and its outcome
 */
public record AliasMove(String id, String model, String alias, Integer from, int to, Kind kind, Instant at,
    String actor, String reason, List<String> evidence, ObjectNode detail) {
  /** How an alias came to move. */
  public enum Kind {
    /** The stored verdicts satisfied the policy. */
    PROMOTION,
    /** Moved without the evidence the policy asks for, by someone allowed to, with a reason. */
    OVERRIDE,
    /** Moved back to the version that held the alias before. */
    ROLLBACK;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AliasMove {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    evidence = List.copyOf(evidence);
    detail = detail == null ? Json.object() : detail.deepCopy();
    if (kind == Kind.OVERRIDE && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("an override needs a reason");
    }
  }

  /** The detail; a copy, so a stored move cannot be changed through it. */
  @Override
  public ObjectNode detail() {
    return detail.deepCopy();
  }
}
