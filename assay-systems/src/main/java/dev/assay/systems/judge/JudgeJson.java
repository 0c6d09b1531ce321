package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a judge model's JSON answer: models wrap JSON in a fence and spell booleans many ways. */
final class JudgeJson {
  private static final Pattern FENCE = Pattern.compile("(?s)^```(?:json)?\\s*(.*?)\\s*```$");

  private JudgeJson() {}

  /** The answer as a JSON object (the whole answer, optionally inside a {@code ```json} fence), or null. */
  static JsonNode object(String answer) {
    String text = answer == null ? "" : answer.strip();
    Matcher fence = FENCE.matcher(text);
    String json = fence.matches() ? fence.group(1) : text;
    if (!json.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A yes/no verdict: a boolean, the numbers 1/0, or the strings true/false, yes/no, 1/0 (any case);
   * null for anything else.
   */
  static Boolean flag(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) {
      return v.longValue() == 1;
    }
    if (!v.isTextual()) {
      return null;
    }
    return switch (v.textValue().strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> Boolean.TRUE;
      case "false", "no", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** The judge's answer on one line, cut to 200 characters, for an error message. */
  static String excerpt(String answer) {
    String one = answer == null ? "" : answer.replaceAll("\\s+", " ").strip();
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }
}
