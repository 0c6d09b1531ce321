package dev.assay.registry;

import java.util.Map;
import java.util.Objects;

/**
 * Who makes a change: what the audit log records, and whether they may override a promotion
 * policy.
 *
 * @param name {@code local:USER} on the command line; a token's name on the server
 * @param admin whether overrides are allowed
 */
public record Actor(String name, boolean admin) {
  public Actor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an actor needs a name");
    }
  }

  /**
   * The user of the command line: {@code local:} and {@code $USER} (else {@code $USERNAME}, else
   * the JVM's user name). Locally everyone is an admin: whoever can write the store file could
   * change it anyway, and the override is recorded with their name.
   */
  public static Actor local(Map<String, String> env) {
    String user = env.get("USER");
    if (user == null || user.isBlank()) {
      user = env.get("USERNAME");
    }
    if (user == null || user.isBlank()) {
      user = System.getProperty("user.name", "unknown");
    }
    return new Actor("local:" + user.strip(), true);
  }
}
