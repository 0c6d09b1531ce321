package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.assay.core.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus files load as documented; every fault names file, line and field; the hash tracks content only. */
class CorpusTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path writeBytes(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void loadsDocumentsInFileOrder() throws Exception {
    Corpus c = Corpus.load(write("c.jsonl", "\uFEFF{\"id\": \"b\", \"title\": \"T\", \"text\": \"x\"}\r\n\n"
        + "{\"id\": 7, \"text\": \"y\", \"title\": null, \"source\": \"ignored\"}\n{\"id\": \"a\", \"text\": \"\"}"));
    assertThat(c.documents()).containsExactly(new CorpusDocument("b", "T", "x"), new CorpusDocument("7", "", "y"),
        new CorpusDocument("a", "", ""));
    assertThat(c.get(0).contents()).isEqualTo("T\nx");
    assertThat(c.get(1).contents()).isEqualTo("y");
  }

  @Test
  void theHashDependsOnContentNotOnFormatting() throws Exception {
    String h = Corpus.load(write("a.jsonl", "{\"id\":\"d1\",\"text\":\"one\"}\n{\"id\":\"d2\",\"title\":\"T\",\"text\":\"two\"}\n"))
        .hash();
    String reformatted = Corpus.load(write("b.jsonl",
        "{ \"text\": \"one\", \"id\": \"d1\", \"extra\": 1 }\r\n\n{\"title\": \"T\", \"text\": \"two\", \"id\": \"d2\"}")).hash();
    String edited = Corpus.load(write("c.jsonl", "{\"id\":\"d1\",\"text\":\"one\"}\n{\"id\":\"d2\",\"title\":\"T\",\"text\":\"two!\"}\n"))
        .hash();
    String reordered = Corpus.load(write("d.jsonl", "{\"id\":\"d2\",\"title\":\"T\",\"text\":\"two\"}\n{\"id\":\"d1\",\"text\":\"one\"}\n"))
        .hash();
    assertThat(h).hasSize(64).isEqualTo(reformatted).isNotEqualTo(edited).isNotEqualTo(reordered);
  }

  @Test
  void everyFaultNamesFileLineAndField() throws Exception {
    assertThat(fault(write("f1", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"\n")))
        .startsWith(dir.resolve("f1") + ":2: invalid JSON");
    assertThat(fault(write("f2", "{\"id\": \"a\"}\n")))
        .isEqualTo(dir.resolve("f2") + ":1: field 'text': missing (the document's text as a string)");
    assertThat(fault(write("f3", "{\"id\": \"a\", \"text\": 3}\n"))).contains(":1: field 'text': not a string: got 3");
    assertThat(fault(write("f4", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}\n")))
        .contains(":2: field 'id': document id 'a' already used on line 1");
    assertThat(fault(write("f5", "{\"id\": \"\", \"text\": \"x\"}\n"))).contains(":1: field 'id': not a non-empty string");
    assertThat(fault(write("f6", "{\"id\": \"a\", \"text\": \"x\", \"title\": [1]}\n"))).contains(":1: field 'title'");
    assertThat(fault(write("f7", "[1, 2]\n"))).contains(":1: not a JSON object");
    assertThat(fault(write("f8", "\n  \n"))).isEqualTo(dir.resolve("f8")
        + ": the corpus holds no document (one JSON object per line: {\"id\": ..., \"title\"?: ..., \"text\": ...})");
    byte[] bad = "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(fault(writeBytes("f9", bad))).isEqualTo(dir.resolve("f9") + ":2: invalid UTF-8 (a UTF-8 text file)");
    assertThat(fault(dir.resolve("absent"))).startsWith(dir.resolve("absent") + ": file not found");
  }

  private static String fault(Path file) {
    InputException e = catchThrowableOfType(InputException.class, () -> Corpus.load(file));
    assertThat(e).as("an InputException for %s", file).isNotNull();
    return e.render();
  }
}
