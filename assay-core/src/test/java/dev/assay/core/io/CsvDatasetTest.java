package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
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

class CsvDatasetTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Dataset load(String text, String fields) throws IOException {
    return DatasetLoader.load(write("data.csv", text), null, fields == null ? null : (ObjectNode) json(fields));
  }

  private AbstractStringAssert<?> error(String text, String fields) throws IOException {
    try {
      load(text, fields);
    } catch (InputException e) {
      return assertThat(e.render());
    }
    throw new AssertionError("no InputException for:\n" + text);
  }

  private String file() {
    return dir.resolve("data.csv").toString();
  }

  @Test
  void readsRfc4180QuotingWithRecordStartLines() throws IOException {
    Dataset d = load("id,input,reference,note\r\n"
        + "1,plain,\"with, comma\",\r\n"
        + "\r\n"
        + "2,\"two\r\nlines\",\"say \"\"hi\"\"\",\"\"\r\n"
        + "3,\"\",x,\"a\n\nb\"\n"
        + "4,last,y,z", null);
    assertThat(d.examples()).extracting(Example::id).containsExactly("1", "2", "3", "4");
    assertThat(d.examples()).extracting(Example::line).containsExactly(2, 4, 6, 9);
    Example two = d.examples().get(1);
    assertThat(two.input().textValue()).as("line breaks inside quotes read as \\n").isEqualTo("two\nlines");
    assertThat(two.reference().textValue()).isEqualTo("say \"hi\"");
    assertThat(d.examples().get(0).reference().textValue()).isEqualTo("with, comma");
    assertThat(d.examples().get(0).extra()).isEqualTo(json("{\"note\":\"\"}"));
    assertThat(d.examples().get(2).input().textValue()).isEmpty();
    assertThat(d.examples().get(2).extra()).isEqualTo(json("{\"note\":\"a\\n\\nb\"}"));
  }

  @Test
  void allValuesAreStrings() throws IOException {
    Example e = load("id,input,score,flag\n007,x,1.50,true\n", null).examples().get(0);
    assertThat(e.id()).isEqualTo("007");
    assertThat(e.extra()).isEqualTo(json("{\"score\":\"1.50\",\"flag\":\"true\"}"));
  }

  @Test
  void byteOrderMarkBeforeTheHeaderIsTolerated() throws IOException {
    Dataset d = load("\uFEFFid,input\na,x\n", null);
    assertThat(d.examples().get(0).id()).isEqualTo("a");
  }

  @Test
  void wrongFieldCountNamesLineAndExpectedCount() throws IOException {
    error("id,input,reference\na,x,y\nb,\"x,\ny\"\nc,x,y\n", null)
        .isEqualTo(file() + ":3: row has 2 fields (3 fields, as in the header)");
    error("id,input\na,x,\n", null).isEqualTo(file() + ":2: row has 3 fields (2 fields, as in the header)");
  }

  @Test
  void quotingErrorsNameTheRecordLine() throws IOException {
    error("id,input\na,\"open\nb,x\nc,y\n", null)
        .isEqualTo(file() + ":2: quoted field not closed before the end of the file (a closing \" for every opening \")");
    error("id,input\na,x\nb,5\" screen\n", null)
        .startsWith(file() + ":3: quote inside an unquoted field (column 2) (fields containing \" must be quoted");
    error("id,input\na,\"x\"y\n", null).startsWith(file() + ":2: text after the closing quote of column 2 (");
  }

  @Test
  void headerProblems() throws IOException {
    error("", null).isEqualTo(file() + ": no examples (a header row and at least one record)");
    error("\n\n", null).isEqualTo(file() + ": no examples (a header row and at least one record)");
    error("id,input\n", null).isEqualTo(file() + ": no examples (a header row and at least one record)");
    error("id,input,id\na,b,c\n", null)
        .isEqualTo(file() + ":1: column 3 repeats the name of an earlier one 'id' (distinct column names)");
    error("id,,input\na,b,c\n", null).isEqualTo(file() + ":1: empty name of column 2 in the header (a name for every column)");
    error("id,inputs\na,x\n", null)
        .isEqualTo(file() + ":1: field 'input': no such column in the header (did you mean 'inputs'? known: id, inputs)");
    error("id,question\na,x\n", "{\"input\":\"question\",\"reference\":\"answer\"}")
        .isEqualTo(file() + ":1: field 'answer': no such column in the header (known: id, question)");
  }

  @Test
  void absentIdColumnDerivesIds() throws IOException {
    Dataset d = load("input,reference\nhello,world\n", null);
    String content = "{\"extra\":{},\"input\":\"hello\",\"reference\":\"world\",\"tags\":{}}";
    assertThat(d.examples().get(0).id()).isEqualTo(Json.sha256(content).substring(0, 16));
    error("input\nsame\nsame\n", null).contains(":3: field 'id': duplicate id '").contains("(first on line 2)");
  }

  @Test
  void tagColumnsAndInputColumns() throws IOException {
    Example e = load("qid,q,ctx,lang,level,other\nq1,Who?,Doc,en,3,o\n",
        "{\"id\":\"qid\",\"input\":[\"q\",\"ctx\"],\"tags\":[\"lang\",\"level\"]}").examples().get(0);
    assertThat(e.id()).isEqualTo("q1");
    assertThat(e.input()).isEqualTo(json("{\"q\":\"Who?\",\"ctx\":\"Doc\"}"));
    assertThat(e.tags()).isEqualTo(Map.of("lang", "en", "level", "3"));
    assertThat(e.extra()).isEqualTo(json("{\"other\":\"o\"}"));
    error("id,input,tags\na,x,easy\n", null)
        .isEqualTo(file() + ":2: field 'tags': got the string \"easy\" (an object of tag values, which CSV cannot hold: "
            + "list the tag columns instead, e.g. dataset.fields.tags: [tags])");
  }

  @Test
  void sameContentAsJsonlHasTheSameHash() throws IOException {
    Dataset csv = load("id,input,reference,lang,src\na,\"x, y\",z,en,s1\nb,\"multi\nline\",w,fr,s2\n",
        "{\"tags\":[\"lang\"]}");
    Path jsonl = write("same.jsonl",
        "{\"src\":\"s1\",\"id\":\"a\",\"input\":\"x, y\",\"reference\":\"z\",\"tags\":{\"lang\":\"en\"}}\n"
            + "{\"id\":\"b\",\"tags\":{\"lang\":\"fr\"},\"input\":\"multi\\nline\",\"reference\":\"w\",\"src\":\"s2\"}\n");
    assertThat(DatasetLoader.load(jsonl, null, null).hash()).isEqualTo(csv.hash());
  }

  @Test
  void invalidUtf8InsideAQuotedFieldNamesThePhysicalLine() throws IOException {
    byte[] bytes = "id,input\na,\"one\ntw\u00e9\"\n".getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 3] = (byte) 0xFF; // second byte of é
    Path p = dir.resolve("bad.csv");
    Files.write(p, bytes);
    try {
      DatasetLoader.load(p, null, null);
      throw new AssertionError("no error");
    } catch (InputException e) {
      assertThat(e.render()).isEqualTo(p + ":3: invalid UTF-8 (a UTF-8 text file)");
    }
  }
}
