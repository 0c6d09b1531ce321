package dev.assay.gate;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which examples a {@code no_regressions} rule protects, from the example's tags (tags come from
 * the dataset; run records do not hold them).
 *
 * <p>{@code KEY=VALUE} matches a tag with exactly that key and value. A bare {@code NAME} (the
 * default {@code critical}) matches a tag called NAME whose value is not false ({@code false},
 * {@code no}, {@code 0} or empty), or any tag whose value is NAME (e.g. {@code priority:
 * critical}).
 */
final class CriticalTags {
  private static final Set<String> FALSE = Set.of("", "false", "no", "0");

  private CriticalTags() {}

  static boolean matches(String spec, Map<String, String> tags) {
    int eq = spec.indexOf('=');
    if (eq >= 0) {
      return spec.substring(eq + 1).equals(tags.get(spec.substring(0, eq)));
    }
    String own = tags.get(spec);
    if (own != null && !FALSE.contains(own.trim().toLowerCase(Locale.ROOT))) {
      return true;
    }
    return tags.containsValue(spec);
  }
}
