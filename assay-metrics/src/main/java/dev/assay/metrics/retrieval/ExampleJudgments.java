package dev.assay.metrics.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one example of a retrieval suite: the judgments from its reference and the ranking from
 * the system's output.
 *
 * <p>The reference is an object {@code {docid: grade}} with integer grades (negative = unjudged,
 * as in qrels). The output is a list of document ids in rank order, or a list of {@code {docid,
 * score}} objects ranked as trec_eval ranks a run (score descending, ties by docid descending), or
 * text holding either list as JSON or document ids separated by whitespace or commas. A document
 * repeated in an output counts once, at its first position (model outputs repeat themselves; run
 * files may not).
 *
 * <p>The example id is the topic id. Every id read here is a TREC id ({@link TrecIds}): one that
 * a qrels or run file could not carry (whitespace, a control character, a topic id starting with
 * {@code #}) is an {@link InputException} naming the example and the id, escaped. So a ranking
 * returned here can be written as TREC run lines without forging any.
 */
final class ExampleJudgments {
  private ExampleJudgments() {}

  static TopicJudgments judgments(Example example) {
    String topicProblem = TrecIds.topicProblem(example.id());
    if (topicProblem != null) {
      throw new InputException((String) null, example.line(), "id",
          "topic id " + TrecIds.quoted(example.id()) + " " + topicProblem, TrecIds.expected());
    }
    JsonNode ref = example.reference();
    if (ref == null || !ref.isObject()) {
      throw new InputException((String) null, example.line(), "reference",
          "example '" + example.id() + "' has no relevance judgments",
          "an object mapping docid to integer grade, e.g. {\"d1\": 2, \"d7\": 0}");
    }
    TopicJudgments.Builder b = new TopicJudgments.Builder();
    for (Map.Entry<String, JsonNode> e : ref.properties()) {
      String docProblem = TrecIds.docidProblem(e.getKey());
      if (docProblem != null) {
        throw new InputException((String) null, example.line(), "reference", "document id "
            + TrecIds.quoted(e.getKey()) + " judged by example " + TrecIds.quoted(example.id()) + " " + docProblem,
            TrecIds.expected());
      }
      JsonNode g = e.getValue();
      if (!g.isNumber() || !isIntegral(g)) {
        throw new InputException((String) null, example.line(), "reference." + e.getKey(),
            "grade " + g + " of example '" + example.id() + "' is not an integer", "an integer grade");
      }
      b.add(e.getKey(), g.intValue());
    }
    return b.build();
  }

  private static boolean isIntegral(JsonNode g) {
    if (g.isIntegralNumber()) {
      return g.canConvertToInt();
    }
    double d = g.doubleValue();
    return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
  }

  static Ranking ranking(Example example, Output output) {
    JsonNode v = output == null ? null : output.value();
    if (v == null || v.isNull() || v.isMissingNode()) {
      return new Ranking.Builder().build();
    }
    if (v.isTextual()) {
      String text = v.textValue().trim();
      if (text.startsWith("[")) {
        try {
          return fromArray(example, Json.MAPPER.readTree(text));
        } catch (java.io.IOException e) {
          throw bad(example, "output text starts with '[' but is not a JSON list");
        }
      }
      List<String> ids = new ArrayList<>();
      for (String id : text.split("[\\s,]+")) {
        if (!id.isEmpty()) {
          ids.add(checked(example, id));
        }
      }
      return inOrder(ids);
    }
    return fromArray(example, v);
  }

  private static Ranking fromArray(Example example, JsonNode v) {
    if (!(v instanceof ArrayNode a)) {
      throw bad(example, "output is " + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    List<String> ids = new ArrayList<>();
    Ranking.Builder scored = new Ranking.Builder();
    int withScore = 0;
    for (JsonNode e : a) {
      if (e.isTextual()) {
        ids.add(checked(example, e.textValue()));
      } else if (e.isObject() && e.path("docid").isTextual()) {
        ids.add(checked(example, e.get("docid").textValue()));
        JsonNode s = e.get("score");
        if (s != null && !s.isNull()) {
          if (!s.isNumber()) {
            throw bad(example, "score of document '" + e.get("docid").textValue() + "' is not a number");
          }
          withScore++;
          scored.add(e.get("docid").textValue(), s.doubleValue());
        }
      } else {
        throw bad(example, "output list holds " + e.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (withScore > 0 && withScore < ids.size()) {
      throw bad(example, "only some documents of the output have a score");
    }
    return withScore > 0 ? scored.build() : inOrder(ids);
  }

  /** {@code docid}, when a TREC run can carry it. */
  private static String checked(Example example, String docid) {
    String problem = TrecIds.docidProblem(docid);
    if (problem != null) {
      throw new InputException((String) null, example.line(), "output", "document id " + TrecIds.quoted(docid)
          + " in the output of example " + TrecIds.quoted(example.id()) + " " + problem, TrecIds.expected());
    }
    return docid;
  }

  private static Ranking inOrder(List<String> ids) {
    Ranking.Builder b = new Ranking.Builder(ids.size());
    int n = ids.size();
    for (int i = 0; i < n; i++) {
      b.add(ids.get(i), n - i);
    }
    return b.build();
  }

  private static InputException bad(Example example, String problem) {
    return new InputException((String) null, example.line(), "output",
        problem + " for example '" + example.id() + "'",
        "a list of docids in rank order, or of {\"docid\": ..., \"score\": ...}");
  }
}
