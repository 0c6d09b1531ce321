package dev.assay.systems.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Secret values of one system (an API key, header values read from the environment), kept out of
 * every message the adapter produces.
 *
 * <p>Invariant: {@link #redact} replaces every occurrence of every registered value with {@code
 * ***}; longer values are replaced first, so a secret containing another is hidden whole. Values
 * shorter than {@value #MIN_LENGTH} characters are not registered: hiding them would mangle
 * ordinary text, and such short strings are not real credentials. {@link #toString()} shows no
 * value. Immutable and thread-safe.
 */
public final class Secrets {
  static final int MIN_LENGTH = 4;
  public static final Secrets NONE = new Secrets(List.of());

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  /** These secrets plus {@code value} (ignored when null or shorter than {@value #MIN_LENGTH}). */
  public Secrets with(String value) {
    if (value == null || value.length() < MIN_LENGTH || values.contains(value)) {
      return this;
    }
    List<String> list = new ArrayList<>(values);
    list.add(value);
    list.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(List.copyOf(list));
  }

  /** {@code text} with every secret replaced by {@code ***}; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, "***");
    }
    return out;
  }

  @Override
  public String toString() {
    return "Secrets[" + values.size() + " hidden]";
  }
}
