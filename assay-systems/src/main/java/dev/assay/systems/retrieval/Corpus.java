package dev.assay.systems.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.Describe;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.JsonProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents a retriever searches, in file order, with a content hash.
 *
 * <p>File format: JSONL, strict UTF-8 (a leading byte-order mark is allowed), one object per line
 * {@code {id, title?, text}}; blank lines are skipped; {@code id} is a non-empty string or an
 * integer (read as its decimal text), unique in the file; {@code text} a string; {@code title} a
 * string or null; other fields are ignored. Any breach is an {@link InputException} naming file,
 * line and field.
 *
 * <p>Invariant: {@link #hash()} is the sha256 of the canonical JSON of every document ({@code
 * {id, text, title?}}, keys sorted) joined by line breaks, in file order; it depends on content
 * only, so reformatting the file or adding ignored fields does not change it. Immutable.
 */
public final class Corpus {
  private static final String RECORD = "one JSON object per line: {\"id\": ..., \"title\"?: ..., \"text\": ...}";
  private static final ObjectReader READER = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private final List<CorpusDocument> documents;
  private final String hash;

  /**
   * @param documents in corpus order; ids must be distinct
   * @throws IllegalArgumentException on a repeated id
   */
  public Corpus(List<CorpusDocument> documents) {
    this.documents = List.copyOf(documents);
    Map<String, Boolean> seen = new HashMap<>();
    MessageDigest digest = Json.digest();
    for (CorpusDocument d : this.documents) {
      if (seen.put(d.id(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("document id '" + d.id() + "' appears twice");
      }
      digest.update(canonical(d).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    this.hash = Json.hex(digest.digest());
  }

  private static String canonical(CorpusDocument d) {
    var node = Json.object().put("id", d.id()).put("text", d.text());
    if (!d.title().isEmpty()) {
      node.put("title", d.title());
    }
    return Json.canonical(node);
  }

  /**
   * Reads a corpus file.
   *
   * @throws InputException naming the file, line and field of the first fault, or when the file
   *     cannot be read or holds no document
   */
  public static Corpus load(Path file) {
    List<CorpusDocument> docs = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    try (InputStream in = InputFiles.open(file, file.toString(), "a corpus file (JSONL)")) {
      LineSplitter lines = new LineSplitter(in);
      byte[] raw;
      while ((raw = lines.next()) != null) {
        int line = lines.number();
        String text = decode(raw, file, line);
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        CorpusDocument d = parse(text, file, line);
        Integer before = firstLine.putIfAbsent(d.id(), line);
        if (before != null) {
          throw new InputException(file, line, "id", "document id '" + d.id() + "' already used on line " + before,
              "unique document ids");
        }
        docs.add(d);
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, file.toString(), "a corpus file (JSONL)", e);
    }
    if (docs.isEmpty()) {
      throw new InputException(file, 0, null, "the corpus holds no document", RECORD);
    }
    return new Corpus(docs);
  }

  private static String decode(byte[] raw, Path file, int line) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InputException(file, line, null, "invalid UTF-8", "a UTF-8 text file");
    }
  }

  private static CorpusDocument parse(String text, Path file, int line) {
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(file, line, null, JsonProblem.of(e), RECORD);
    }
    if (node == null || !node.isObject()) {
      throw new InputException(file, line, null, "not a JSON object", RECORD);
    }
    JsonNode id = node.get("id");
    String docid;
    if (id != null && id.isTextual() && !id.textValue().isEmpty()) {
      docid = id.textValue();
    } else if (id != null && id.isIntegralNumber()) {
      docid = id.bigIntegerValue().toString();
    } else {
      throw new InputException(file, line, "id", id == null ? "missing" : "not a non-empty string or integer: got "
          + Describe.json(id),
          "a unique document id");
    }
    JsonNode body = node.get("text");
    if (body == null || !body.isTextual()) {
      throw new InputException(file, line, "text", body == null ? "missing" : "not a string: got " + Describe.json(body),
          "the document's text as a string");
    }
    JsonNode title = node.get("title");
    if (title != null && !title.isNull() && !title.isTextual()) {
      throw new InputException(file, line, "title", "not a string: got " + Describe.json(title), "a string, null or no title");
    }
    return new CorpusDocument(docid, title == null || title.isNull() ? "" : title.textValue(), body.textValue());
  }

  /** The documents in corpus order. */
  public List<CorpusDocument> documents() {
    return documents;
  }

  public int size() {
    return documents.size();
  }

  public CorpusDocument get(int index) {
    return documents.get(index);
  }

  /** sha256 (hex) of the canonical content; see the class comment. */
  public String hash() {
    return hash;
  }

  /** Splits a byte stream on {@code \n}, dropping a {@code \r} before it; counts lines. */
  private static final class LineSplitter {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private int number;

    LineSplitter(InputStream in) {
      this.in = in;
    }

    int number() {
      return number;
    }

    byte[] next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean any = false;
      while (true) {
        if (pos == limit) {
          limit = in.read(buffer);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            if (!any) {
              return null;
            }
            break;
          }
        }
        any = true;
        int start = pos;
        while (pos < limit && buffer[pos] != '\n') {
          pos++;
        }
        line.write(buffer, start, pos - start);
        if (pos < limit) {
          pos++;
          break;
        }
      }
      number++;
      byte[] bytes = line.toByteArray();
      int n = bytes.length;
      return n > 0 && bytes[n - 1] == '\r' ? java.util.Arrays.copyOf(bytes, n - 1) : bytes;
    }
  }
}
