package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;

/**
 * Properties of the JSONL loader over random datasets: faithful round trip, a hash that ignores
 * formatting, and errors that name exactly the damaged line.
 */
class DatasetLoaderProperties {
  @Provide
  Arbitrary<List<DatasetGenerators.Generated>> records() {
    return DatasetGenerators.jsonlRecords();
  }

  private static Dataset load(byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory("assay-prop");
    Path file = dir.resolve("data.jsonl");
    try {
      Files.write(file, bytes);
      return DatasetLoader.load(file, null, null);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void roundTripsAndHashIgnoresFormatting(@ForAll("records") List<DatasetGenerators.Generated> records,
      @ForAll long seed) throws IOException {
    Dataset d = load(DatasetGenerators.jsonl(records).getBytes(StandardCharsets.UTF_8));
    assertThat(d.size()).isEqualTo(records.size());
    for (int i = 0; i < records.size(); i++) {
      DatasetGenerators.Generated g = records.get(i);
      Example e = d.examples().get(i);
      if (g.id() != null) {
        assertThat(e.id()).isEqualTo(g.id());
      } else {
        assertThat(e.id()).isEqualTo(Json.sha256(Json.canonical(e.canonicalContent())).substring(0, 16));
      }
      assertThat(e.line()).isEqualTo(i + 1);
      assertThat(Json.canonical(e.input())).isEqualTo(Json.canonical(g.input()));
      assertThat(e.reference() == null ? null : Json.canonical(e.reference()))
          .isEqualTo(g.reference() == null ? null : Json.canonical(g.reference()));
      assertThat(e.tags()).isEqualTo(g.tags());
      assertThat(Json.canonical(e.extra())).isEqualTo(Json.canonical(g.extra()));
    }
    String again = DatasetGenerators.reformatted(records, new Random(seed));
    Dataset r = load(again.getBytes(StandardCharsets.UTF_8));
    assertThat(r.examples()).extracting(Example::id)
        .as("seed %d, reformatted:%n%s", seed, again)
        .containsExactlyElementsOf(d.examples().stream().map(Example::id).toList());
    assertThat(r.hash()).as("seed %d, reformatted:%n%s", seed, again).isEqualTo(d.hash());
  }

  enum Damage { TRUNCATE, INVALID_BYTE, NOT_AN_OBJECT, INPUT_NUMBER, DUPLICATE_OF_FIRST }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void damageToOneLineIsReportedOnThatLine(@ForAll("records") List<DatasetGenerators.Generated> records,
      @ForAll Damage damage, @ForAll long seed) throws IOException {
    Random random = new Random(seed);
    String[] lines = DatasetGenerators.jsonl(records).split("\n");
    int k = random.nextInt(lines.length); // 0-based: line k + 1 is damaged
    if (damage == Damage.DUPLICATE_OF_FIRST && k == 0) {
      k = lines.length - 1;
    }
    byte[][] parts = new byte[lines.length][];
    for (int i = 0; i < lines.length; i++) {
      parts[i] = lines[i].getBytes(StandardCharsets.UTF_8);
    }
    byte[] line = parts[k];
    parts[k] = switch (damage) {
      case TRUNCATE -> Arrays.copyOf(line, 1 + random.nextInt(line.length - 1));
      case INVALID_BYTE -> {
        byte[] b = line.clone();
        b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? 0xFF : 0xC0);
        yield b;
      }
      case NOT_AN_OBJECT -> ("[" + lines[k] + "]").getBytes(StandardCharsets.UTF_8);
      case INPUT_NUMBER -> "{\"id\":\"broken\",\"input\":5}".getBytes(StandardCharsets.UTF_8);
      case DUPLICATE_OF_FIRST -> parts[0].clone();
    };
    byte[] all = join(parts);
    String context = "seed " + seed + ", damage " + damage + " on line " + (k + 1) + ":\n"
        + new String(all, StandardCharsets.UTF_8);
    if (damage == Damage.DUPLICATE_OF_FIRST && lines.length == 1) {
      return; // nothing to duplicate
    }
    try {
      load(all);
      throw new AssertionError("no error; " + context);
    } catch (InputException e) {
      assertThat(e.line()).as(context + "\n" + e.render()).isEqualTo(k + 1);
      assertThat(e.render()).as(context).contains("data.jsonl:" + (k + 1) + ": ");
      if (damage == Damage.DUPLICATE_OF_FIRST) {
        assertThat(e.render()).as(context).contains("(first on line 1)");
      }
    }
  }

  private static byte[] join(byte[][] parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length + 1;
    }
    byte[] all = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, pos, p.length);
      pos += p.length;
      all[pos++] = '\n';
    }
    return all;
  }
}
