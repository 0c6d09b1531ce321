package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetSpec;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode fields(String json) {
    return (ObjectNode) json(json);
  }

  private Dataset load(String text) throws IOException {
    return DatasetLoader.load(write("data.jsonl", text), null, null);
  }

  private AbstractStringAssert<?> error(String text) throws IOException {
    return error(text, null);
  }

  private AbstractStringAssert<?> error(String text, ObjectNode fields) throws IOException {
    Path p = write("data.jsonl", text);
    try {
      DatasetLoader.load(p, "jsonl", fields);
    } catch (InputException e) {
      return assertThat(e.render());
    }
    throw new AssertionError("no InputException for:\n" + text);
  }

  private String file() {
    return dir.resolve("data.jsonl").toString();
  }

  @Test
  void readsExamplesWithTheirLinesSkippingBlankLines() throws IOException {
    Dataset d = load("""
        {"id": "a", "input": "What is 2+2?", "reference": "4", "tags": {"lang": "en", "level": 2, "hard": true}, "source": "x"}

           \t
        {"id": 7, "input": {"q": "hi", "ctx": ["c"]}, "reference": ["hello", "hi"]}
        {"id": "c", "input": "no reference", "reference": null}
        """);
    assertThat(d.examples()).extracting(Example::id).containsExactly("a", "7", "c");
    assertThat(d.examples()).extracting(Example::line).containsExactly(1, 4, 5);
    Example a = d.examples().get(0);
    assertThat(a.input().textValue()).isEqualTo("What is 2+2?");
    assertThat(a.reference().textValue()).isEqualTo("4");
    assertThat(a.tags()).isEqualTo(Map.of("lang", "en", "level", "2", "hard", "true"));
    assertThat(a.extra()).isEqualTo(json("{\"source\": \"x\"}"));
    Example b = d.examples().get(1);
    assertThat(b.input()).isEqualTo(json("{\"q\": \"hi\", \"ctx\": [\"c\"]}"));
    assertThat(b.reference()).isEqualTo(json("[\"hello\", \"hi\"]"));
    assertThat(b.tags()).isEmpty();
    assertThat(d.examples().get(2).reference()).isNull();
    assertThat(d.source()).isEqualTo(file());
  }

  @Test
  void toleratesByteOrderMarkAndCrlf() throws IOException {
    byte[] body = "{\"id\":\"a\",\"input\":\"x\"}\r\n{\"id\":\"b\",\"input\":\"é\"}\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Dataset d = DatasetLoader.load(write("bom.jsonl", bytes), null, null);
    assertThat(d.examples()).extracting(Example::id).containsExactly("a", "b");
    assertThat(d.examples().get(1).input().textValue()).isEqualTo("é");
    assertThat(d.hash()).isEqualTo(load("{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"b\",\"input\":\"é\"}").hash());
  }

  @Test
  void invalidUtf8NamesItsLine() throws IOException {
    byte[] good = "{\"id\":\"a\",\"input\":\"x\"}\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"id\":\"b\",\"input\":\"x\"}\n".getBytes(StandardCharsets.UTF_8);
    bad[15] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Path p = write("bad.jsonl", all);
    assertThatThrownBy(() -> DatasetLoader.load(p, null, null))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .isEqualTo(p + ":3: invalid UTF-8 (a UTF-8 text file)"));
  }

  @Test
  void brokenJsonNamesLineAndExpectation() throws IOException {
    error("{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"b\",\"input\":\"x\"\n")
        .startsWith(file() + ":2: invalid JSON")
        .endsWith("(one JSON object per line)");
    error("{\"id\":\"a\",\"input\":\"x\"} {}\n").startsWith(file() + ":1: invalid JSON");
    error("{\"id\":\"a\",\"input\":\"x\",\"input\":\"y\"}\n").contains(":1: invalid JSON").contains("duplicate key 'input'");
    error("{\"id\":\"a\",\"input\":\"x\"}\n[1, 2]\n").isEqualTo(file() + ":2: got a list (one JSON object per line)");
  }

  @Test
  void idMustBeANonEmptyStringOrInteger() throws IOException {
    assertThat(load("{\"id\": 12345678901234567890, \"input\": \"x\"}").examples().get(0).id())
        .isEqualTo("12345678901234567890");
    error("{\"id\": 1.5, \"input\": \"x\"}").isEqualTo(file() + ":1: field 'id': got 1.5 (a string or integer)");
    error("{\"id\": true, \"input\": \"x\"}").isEqualTo(file() + ":1: field 'id': got true (a string or integer)");
    error("{\"id\": null, \"input\": \"x\"}").isEqualTo(file() + ":1: field 'id': got null (a string or integer)");
    error("{\"id\": \"\", \"input\": \"x\"}").isEqualTo(file() + ":1: field 'id': empty id (a string or integer, not empty)");
  }

  @Test
  void duplicateIdNamesBothLines() throws IOException {
    error("{\"id\":\"x\",\"input\":\"a\"}\n\n{\"id\":\"y\",\"input\":\"a\"}\n{\"id\":\"x\",\"input\":\"b\"}\n")
        .isEqualTo(file() + ":4: field 'id': duplicate id 'x' (first on line 1) (unique ids)");
    // an integer id and its decimal text are the same id
    error("{\"id\":3,\"input\":\"a\"}\n{\"id\":\"3\",\"input\":\"b\"}\n").contains(":2: field 'id': duplicate id '3'");
  }

  @Test
  void absentIdIsDerivedFromContent() throws IOException {
    Dataset d = load("{\"input\": \"hi\", \"reference\": \"ho\", \"tags\": {\"k\": \"v\"}, \"n\": 1}");
    String content = "{\"extra\":{\"n\":1},\"input\":\"hi\",\"reference\":\"ho\",\"tags\":{\"k\":\"v\"}}";
    assertThat(d.examples().get(0).id()).isEqualTo(Json.sha256(content).substring(0, 16));
    // key order and formatting do not change the derived id
    Dataset again = load("{ \"n\" : 1.0, \"tags\": {\"k\": \"v\"}, \"reference\": \"ho\", \"input\": \"hi\" }");
    assertThat(again.examples().get(0).id()).isEqualTo(d.examples().get(0).id());
    error("{\"input\":\"same\"}\n{\"input\":\"other\"}\n{\"input\":\"same\"}\n")
        .contains(":3: field 'id': duplicate id '")
        .contains("(first on line 1)")
        .contains("derived from their content");
  }

  @Test
  void inputMustBeAStringOrObject() throws IOException {
    error("{\"id\":\"a\",\"question\":\"x\"}").startsWith(file() + ":1: field 'input': missing (");
    error("{\"id\":\"a\",\"input\":null}").startsWith(file() + ":1: field 'input': got null (");
    error("{\"id\":\"a\",\"input\":42}").isEqualTo(file() + ":1: field 'input': got 42 (a string or an object)");
    error("{\"id\":\"a\",\"input\":[\"x\"]}").isEqualTo(file() + ":1: field 'input': got a list (a string or an object)");
  }

  @Test
  void referenceMustBeAStringListOrObject() throws IOException {
    error("{\"id\":\"a\",\"input\":\"x\",\"reference\":4}")
        .isEqualTo(file() + ":1: field 'reference': got 4 (a string, a list or an object (write numbers and booleans as strings))");
    assertThat(load("{\"id\":\"a\",\"input\":\"x\",\"reference\":{\"label\":\"pos\"}}").examples().get(0).reference())
        .isEqualTo(json("{\"label\":\"pos\"}"));
  }

  @Test
  void tagsMustBeAnObjectOfScalars() throws IOException {
    error("{\"id\":\"a\",\"input\":\"x\",\"tags\":{\"k\":{\"deep\":1}}}")
        .isEqualTo(file() + ":1: field 'tags.k': got an object (a string, number or boolean tag value)");
    error("{\"id\":\"a\",\"input\":\"x\",\"tags\":[\"easy\"]}")
        .startsWith(file() + ":1: field 'tags': got a list (an object of tag values");
    Example e = load("{\"id\":\"a\",\"input\":\"x\",\"tags\":{\"t\":1.50,\"n\":null}}").examples().get(0);
    assertThat(e.tags()).as("numbers in canonical form, null tags dropped").isEqualTo(Map.of("t", "1.5"));
  }

  @Test
  void fieldMappingRenamesAndCombinesFields() throws IOException {
    ObjectNode f = fields("{\"id\":\"qid\",\"input\":[\"question\",\"context\"],\"reference\":\"answers\",\"tags\":[\"lang\",\"level\"]}");
    Path p = write("m.jsonl", "{\"qid\":\"q1\",\"question\":\"Who?\",\"context\":{\"doc\":\"d\"},\"answers\":[\"me\"],"
        + "\"lang\":\"en\",\"level\":3,\"id\":\"not-the-id\",\"note\":\"kept\"}\n");
    Example e = DatasetLoader.load(p, "jsonl", f).examples().get(0);
    assertThat(e.id()).isEqualTo("q1");
    assertThat(e.input()).isEqualTo(json("{\"question\":\"Who?\",\"context\":{\"doc\":\"d\"}}"));
    assertThat(e.reference()).isEqualTo(json("[\"me\"]"));
    assertThat(e.tags()).isEqualTo(Map.of("lang", "en", "level", "3"));
    assertThat(e.extra()).isEqualTo(json("{\"id\":\"not-the-id\",\"note\":\"kept\"}"));

    error("{\"qid\":\"q1\",\"question\":\"Who?\"}", f)
        .startsWith(file() + ":1: field 'context': missing (every field listed in dataset.fields.input");
    error("{\"id\":\"a\",\"input\":\"x\",\"lang\":[\"en\"]}", fields("{\"tags\":[\"lang\"]}"))
        .isEqualTo(file() + ":1: field 'lang': got a list (a string, number or boolean tag value)");
  }

  @Test
  void badFieldMappingIsAnError() throws IOException {
    Path p = write("m.jsonl", "{\"id\":\"a\",\"input\":\"x\"}");
    assertThatThrownBy(() -> DatasetLoader.load(p, "jsonl", fields("{\"inptu\":\"q\"}")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .isEqualTo("field 'dataset.fields.inptu': unknown key (did you mean 'input'? known: id, input, reference, tags)"));
    assertThatThrownBy(() -> DatasetLoader.load(p, "jsonl", fields("{\"input\":[]}")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .contains("field 'dataset.fields.input': empty list"));
  }

  @Test
  void missingFileAndUnknownFormat() throws IOException {
    Path missing = dir.resolve("missing.jsonl");
    assertThatThrownBy(() -> DatasetLoader.load(missing, null, null))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.line()).isZero();
          assertThat(e.render()).startsWith(missing + ": file not found (a dataset file at ");
        });
    Path txt = write("data.txt", "{}");
    assertThatThrownBy(() -> DatasetLoader.load(txt, null, null))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .startsWith(txt + ": cannot tell the dataset format from the file name"));
    assertThatThrownBy(() -> DatasetLoader.load(txt, "parquet", null))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .isEqualTo(txt + ": field 'format': unknown dataset format 'parquet' (jsonl or csv)"));
  }

  @Test
  void specErrorsNameThePathAsWrittenInTheSuite() throws IOException {
    write("d.ndjson", "{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"a\",\"input\":\"y\"}\n");
    DatasetSpec spec = new DatasetSpec("d.ndjson", dir.resolve("d.ndjson"), "jsonl", null, 3);
    assertThatThrownBy(() -> DatasetLoader.load(spec))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .isEqualTo("d.ndjson:2: field 'id': duplicate id 'a' (first on line 1) (unique ids)"));
    DatasetSpec missing = new DatasetSpec("nope.jsonl", dir.resolve("nope.jsonl"), "jsonl", null, 3);
    assertThatThrownBy(() -> DatasetLoader.load(missing))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render()).startsWith("nope.jsonl: file not found"));
  }

  @Test
  void hashFollowsTheDocumentedCanonicalForm() throws IOException {
    Dataset d = load("{\"id\":\"a\",\"input\":\"x\",\"reference\":\"y\"}\n{\"id\":\"b\",\"input\":{\"q\":\"z\"},\"k\":2}\n");
    String expected = Json.sha256(
        "{\"content\":{\"extra\":{},\"input\":\"x\",\"reference\":\"y\",\"tags\":{}},\"id\":\"a\"}\n"
            + "{\"content\":{\"extra\":{\"k\":2},\"input\":{\"q\":\"z\"},\"tags\":{}},\"id\":\"b\"}\n");
    assertThat(d.hash()).isEqualTo(expected);
    assertThat(DatasetHasher.hash(d.examples())).isEqualTo(expected);
    Dataset reformatted = load("\n{ \"reference\" : \"y\", \"input\" : \"x\", \"id\" : \"a\" }\r\n\n{\"k\":2.0,\"input\":{\"q\":\"z\"},\"id\":\"b\"}");
    assertThat(reformatted.hash()).isEqualTo(expected);
    Dataset reordered = load("{\"id\":\"b\",\"input\":{\"q\":\"z\"},\"k\":2}\n{\"id\":\"a\",\"input\":\"x\",\"reference\":\"y\"}\n");
    assertThat(reordered.hash()).as("example order matters").isNotEqualTo(expected);
    Dataset changed = load("{\"id\":\"a\",\"input\":\"x\",\"reference\":\"Y\"}\n{\"id\":\"b\",\"input\":{\"q\":\"z\"},\"k\":2}\n");
    assertThat(changed.hash()).isNotEqualTo(expected);
  }

  @Test
  void emptyFileIsAnError() {
    // A dataset of zero examples would let any run "pass": it is an input error, not an empty run.
    assertThatThrownBy(() -> load("\n\n")).isInstanceOfSatisfying(InputException.class,
        e -> assertThat(e.render()).endsWith(": no examples (at least one JSON object, one per line)"));
  }
}
