package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge's parsed answer.
 *
 * <p>Accepted forms, tried in order: the whole answer (optionally inside a {@code ```json}
 * fence) is a JSON object with a numeric {@code score} (a number, or a string holding one) and an
 * optional {@code rationale}; or the last non-empty line is {@code SCORE: x} (any case), the text
 * before it being the rationale. Anything else is unparsable: {@link #parse} returns null and the
 * caller records an error, never a score.
 *
 * @param score finite
 * @param rationale the judge's reasons, possibly empty; untrusted model text
 */
public record JudgeVerdict(double score, String rationale) {
  private static final Pattern SCORE_LINE = Pattern.compile("(?i)^\\s*\\**score\\**\\s*[:=]\\s*\\**\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*\\**\\s*$");
  private static final Pattern FENCE = Pattern.compile("(?s)^```(?:json)?\\s*(.*?)\\s*```$");

  /** The verdict in {@code answer}, or null when it has none. */
  public static JudgeVerdict parse(String answer) {
    if (answer == null) {
      return null;
    }
    String text = answer.strip();
    Matcher fence = FENCE.matcher(text);
    String json = fence.matches() ? fence.group(1) : text;
    if (json.startsWith("{")) {
      try {
        JsonNode node = Json.MAPPER.readTree(json);
        JsonNode s = node == null ? null : node.get("score");
        Double score = s == null ? null : s.isNumber() ? Double.valueOf(s.doubleValue()) : number(s.asText());
        if (score != null && Double.isFinite(score)) {
          return new JudgeVerdict(score, node.path("rationale").asText(""));
        }
      } catch (IOException notJson) {
        // Try the SCORE line form.
      }
    }
    String[] lines = text.split("\\R");
    int last = lines.length - 1;
    while (last >= 0 && lines[last].isBlank()) {
      last--;
    }
    if (last < 0) {
      return null;
    }
    Matcher m = SCORE_LINE.matcher(lines[last]);
    if (!m.matches()) {
      return null;
    }
    double score = Double.parseDouble(m.group(1));
    StringBuilder rationale = new StringBuilder();
    for (int i = 0; i < last; i++) {
      rationale.append(lines[i]).append('\n');
    }
    return new JudgeVerdict(score, rationale.toString().strip());
  }

  private static Double number(String s) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
