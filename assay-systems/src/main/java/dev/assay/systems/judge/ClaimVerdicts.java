package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A faithfulness judge's parsed answer: the answer's claims, each supported by the context or not.
 *
 * <p>Accepted form: the whole answer (optionally inside a {@code ```json} fence) is a JSON object
 * whose {@code claims} is a list of objects, each with a non-blank text {@code claim}, a verdict
 * {@code supported} (a boolean, or one of the strings {@code yes}/{@code no}, {@code true}/{@code
 * false}, {@code supported}/{@code unsupported}, any case) and an optional text {@code reason}.
 * Anything else, including a claim without a verdict, is unparsable: {@link #parse} throws {@link
 * JudgeException}, so a malformed answer is an error of that example, never a score. An empty list
 * parses (the caller decides what no claims means).
 *
 * @param claims in the judge's order; untrusted model text
 */
record ClaimVerdicts(List<Claim> claims) {
  ClaimVerdicts {
    claims = List.copyOf(claims);
  }

  /**
   * One claim of the answer.
   *
   * @param text the claim, as the judge stated it
   * @param supported whether the context supports it
   * @param reason the judge's reason, possibly empty
   */
  record Claim(String text, boolean supported, String reason) {}

  /** The number of supported claims. */
  long supported() {
    return claims.stream().filter(Claim::supported).count();
  }

  /**
   * The claims in {@code answer}.
   *
   * @throws JudgeException when the answer is not of the accepted form
   */
  static ClaimVerdicts parse(String answer) {
    JsonNode node = JudgeJson.object(answer);
    if (node == null || !node.path("claims").isArray()) {
      throw bad("is not a JSON object with a list 'claims'", answer);
    }
    List<Claim> claims = new ArrayList<>();
    for (JsonNode c : node.get("claims")) {
      int n = claims.size() + 1;
      JsonNode t = c.path("claim");
      if (!t.isTextual() || t.textValue().isBlank()) {
        throw bad("claim " + n + " has no text 'claim'", answer);
      }
      Boolean supported = verdict(c.path("supported"));
      if (supported == null) {
        throw bad("claim " + n + " has no verdict 'supported' (true or false)", answer);
      }
      JsonNode r = c.path("reason");
      claims.add(new Claim(t.textValue().strip(), supported, r.isTextual() ? r.textValue().strip() : ""));
    }
    return new ClaimVerdicts(claims);
  }

  private static Boolean verdict(JsonNode v) {
    if (v.isIntegralNumber()) {
      return null;
    }
    Boolean flag = JudgeJson.flag(v);
    if (flag != null || !v.isTextual()) {
      return flag;
    }
    return switch (v.textValue().strip().toLowerCase(Locale.ROOT)) {
      case "supported" -> Boolean.TRUE;
      case "unsupported", "not supported" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static JudgeException bad(String problem, String answer) {
    return new JudgeException("faithfulness judge answer " + problem + ": " + JudgeJson.excerpt(answer));
  }
}
