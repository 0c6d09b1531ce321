package dev.assay.core.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model: a named line of {@link ModelVersion versions} (docs/registry.md).
 *
 * @param name unique; letters, digits, {@code .}, {@code _} and {@code -}, at most 100 characters
 * @param createdAt when it was registered
 * @param actor who registered it
 * @param description free text, may be null
 */
public record Model(String name, Instant createdAt, String actor, String description) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public Model {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(actor, "actor");
    if (!validName(name)) {
      throw new IllegalArgumentException("invalid model name '" + name + "'");
    }
  }

  /** Whether {@code name} may name a model or an alias. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** What a valid name looks like, for messages. */
  public static final String NAME_RULE = "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";
}
