package dev.assay.systems.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.assay.core.Json;
import java.io.IOException;

/**
 * The fields the {@code openai} adapter uses from a completion response, read with a streaming
 * parser instead of a tree: the first choice's text and the usage counts.
 *
 * <p>Invariant: the result is what the tree lookups {@code /choices/0/message/content} (or {@code
 * /choices/0/text}), {@code /usage/prompt_tokens} and {@code /usage/completion_tokens} give on
 * {@code Json.MAPPER.readTree(body)}: a repeated key counts with its last value, as in a tree; a
 * pointer step {@code 0} also matches an object's field named {@code "0"}; text only when it is a
 * JSON string; a count only when it is an integer from 0 to {@link Long#MAX_VALUE}. The whole
 * value is parsed, so a body that is not well-formed JSON fails as it would as a tree; what
 * follows the first value is ignored, as by {@code readTree}.
 *
 * @param text the first choice's text, null when absent or not a string
 * @param tokensIn usage.prompt_tokens, null when absent or not a count
 * @param tokensOut usage.completion_tokens, null when absent or not a count
 * @param hasError whether the response is an object with an {@code error} field
 */
record OpenAiReply(String text, Long tokensIn, Long tokensOut, boolean hasError) {
  /**
   * Reads {@code body}; null when it holds no JSON value at all.
   *
   * @param chat whether the text is at {@code message.content} (chat) or {@code text} (completions)
   * @throws IOException when the body is not well-formed JSON
   */
  static OpenAiReply read(byte[] body, boolean chat) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      JsonToken root = p.nextToken();
      if (root == null) {
        return null;
      }
      if (root != JsonToken.START_OBJECT) {
        p.skipChildren();
        return new OpenAiReply(null, null, null, false);
      }
      String text = null;
      Long tokensIn = null;
      Long tokensOut = null;
      boolean hasError = false;
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken value = p.nextToken();
        switch (name) {
          case "choices" -> text = firstChoiceText(p, value, chat);
          case "usage" -> {
            tokensIn = null;
            tokensOut = null;
            if (value == JsonToken.START_OBJECT) {
              for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                if (field.equals("prompt_tokens")) {
                  tokensIn = count(p, v);
                } else if (field.equals("completion_tokens")) {
                  tokensOut = count(p, v);
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          case "error" -> {
            hasError = true;
            p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
      return new OpenAiReply(text, tokensIn, tokensOut, hasError);
    }
  }

  /** The text of {@code choices[0]} ({@code value} is the current token, the choices' start). */
  private static String firstChoiceText(JsonParser p, JsonToken value, boolean chat) throws IOException {
    if (value == JsonToken.START_ARRAY) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.END_ARRAY) {
        return null;
      }
      String text = choiceText(p, first, chat);
      while (p.nextToken() != JsonToken.END_ARRAY) {
        p.skipChildren();
      }
      return text;
    }
    if (value == JsonToken.START_OBJECT) {
      // A JSON pointer step "0" on an object selects its field "0".
      String text = null;
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        if (field.equals("0")) {
          text = choiceText(p, v, chat);
        } else {
          p.skipChildren();
        }
      }
      return text;
    }
    return null;
  }

  /** The text of one choice, whose first token is {@code value}; consumes the choice. */
  private static String choiceText(JsonParser p, JsonToken value, boolean chat) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String text = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      if (!chat && field.equals("text")) {
        text = v == JsonToken.VALUE_STRING ? p.getText() : null;
        p.skipChildren();
      } else if (chat && field.equals("message")) {
        text = null;
        if (v == JsonToken.START_OBJECT) {
          for (String m = p.nextFieldName(); m != null; m = p.nextFieldName()) {
            JsonToken mv = p.nextToken();
            if (m.equals("content")) {
              text = mv == JsonToken.VALUE_STRING ? p.getText() : null;
            }
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
    return text;
  }

  private static Long count(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT) {
      p.skipChildren();
      return null;
    }
    JsonParser.NumberType type = p.getNumberType();
    if (type == JsonParser.NumberType.BIG_INTEGER) {
      return null;
    }
    long n = p.getLongValue();
    return n >= 0 ? n : null;
  }
}
