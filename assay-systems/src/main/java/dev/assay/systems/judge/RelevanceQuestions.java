package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer-relevance judge's parsed answer: the questions the judge thinks the answer replies to,
 * and whether the answer is noncommittal (evasive, "I don't know").
 *
 * <p>Accepted form: the whole answer (optionally inside a {@code ```json} fence) is a JSON object
 * with a non-empty list {@code questions} of non-blank texts, a verdict {@code noncommittal} (a
 * boolean, 1/0, or yes/no, true/false as text) and an optional text {@code reason}. Anything else
 * is unparsable: {@link #parse} throws {@link JudgeException}, so a malformed answer is an error of
 * that example, never a score.
 *
 * @param questions in the judge's order, stripped; untrusted model text
 * @param noncommittal whether the judge found the answer noncommittal
 * @param reason the judge's reason for that verdict, possibly empty
 */
record RelevanceQuestions(List<String> questions, boolean noncommittal, String reason) {
  RelevanceQuestions {
    questions = List.copyOf(questions);
  }

  /**
   * The questions and verdict in {@code answer}.
   *
   * @throws JudgeException when the answer is not of the accepted form
   */
  static RelevanceQuestions parse(String answer) {
    JsonNode node = JudgeJson.object(answer);
    if (node == null || !node.path("questions").isArray()) {
      throw bad("is not a JSON object with a list 'questions'", answer);
    }
    List<String> questions = new ArrayList<>();
    for (JsonNode q : node.get("questions")) {
      if (!q.isTextual() || q.textValue().isBlank()) {
        throw bad("question " + (questions.size() + 1) + " is not a text", answer);
      }
      questions.add(q.textValue().strip());
    }
    if (questions.isEmpty()) {
      throw bad("has no questions, so there is nothing to compare with the question asked", answer);
    }
    Boolean noncommittal = JudgeJson.flag(node.path("noncommittal"));
    if (noncommittal == null) {
      throw bad("has no verdict 'noncommittal' (true or false)", answer);
    }
    JsonNode r = node.path("reason");
    return new RelevanceQuestions(questions, noncommittal, r.isTextual() ? r.textValue().strip() : "");
  }

  private static JudgeException bad(String problem, String answer) {
    return new JudgeException("answer_relevance judge answer " + problem + ": " + JudgeJson.excerpt(answer));
  }
}
