package dev.assay.monitor.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import dev.assay.monitor.data.ColumnarUnavailable;
import dev.assay.monitor.data.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file read by DuckDB gives the row reader's current profile: quoting, empty and missing
 * fields, numbers with blanks, non-numbers, NaN and infinities, line breaks in quoted fields; and
 * where the two readers could differ (a quote inside a value, a bad row) the row reader decides.
 */
class ColumnarCsvTest {
  private static final long SEED = 20261207L;

  @TempDir
  Path dir;

  private final Profiler profiler = new Profiler(new ProfileOptions(null, Map.of(), 300, 10, 100, 10, 7), () -> {
    throw new AssertionError("no text");
  });

  @Test
  void duckDbReadsTheCsvAsTheRowReaderDoes() throws Exception {
    System.out.println("seed " + SEED);
    Profile reference = profiler.reference(new CsvTable(write("ref.csv", 3000, 0.0, false), "ref.csv"));
    CsvTable current = new CsvTable(write("cur.csv", 4000, 0.4, false), "cur.csv");
    assertThat(ColumnarCurrentProfiler.applies(current, reference, null)).isTrue();
    Profile rows = profiler.rowWise(current, reference, null).get("");
    Profile columnar = ColumnarCurrentProfiler.current(current, reference);
    assertSame(columnar, rows);
    // Through the profiler's choice (every size columnar here), the same again.
    assertSame(profiler.current(current, reference, null, 0).get(""), rows);
    NumericProfile x = (NumericProfile) rows.byName().get("x");
    assertThat(x.missing()).as("empty fields and NaN").isPositive();
    assertThat(x.invalid()).as("words, hex, 1d, infinities").isPositive();
    CategoricalProfile city = (CategoricalProfile) rows.byName().get("city");
    assertThat(city.unseen()).containsKey("New\nYork, NY");
  }

  @Test
  void aQuoteInsideAValueLeavesItToTheRowReader() throws Exception {
    Profile reference = profiler.reference(new CsvTable(write("ref.csv", 500, 0.0, false), "ref.csv"));
    CsvTable current = new CsvTable(write("cur.csv", 600, 0.0, true), "cur.csv");
    assertThatThrownBy(() -> ColumnarCurrentProfiler.current(current, reference))
        .isInstanceOf(ColumnarUnavailable.class);
    Profile chosen = profiler.current(current, reference, null, 0).get("");
    assertSame(chosen, profiler.rowWise(current, reference, null).get(""));
    assertThat(((CategoricalProfile) chosen.byName().get("city")).unseen()).containsKey("the \"quoted\" town");
  }

  @Test
  void aBadRowIsTheRowReadersErrorWithItsLine() throws Exception {
    Profile reference = profiler.reference(new CsvTable(write("ref.csv", 500, 0.0, false), "ref.csv"));
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "x,y,city\n1,2,a\n3,4,b\n5,6\n7,8,c\n");
    CsvTable current = new CsvTable(bad, "bad.csv");
    assertThatThrownBy(() -> ColumnarCurrentProfiler.current(current, reference))
        .isInstanceOf(ColumnarUnavailable.class);
    assertThatThrownBy(() -> profiler.current(current, reference, null, 0)).isInstanceOf(InputException.class)
        .hasMessageContaining("2 fields")
        .satisfies(e -> assertThat(((InputException) e).file()).isEqualTo("bad.csv"))
        .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(4));
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "x,y,city\n");
    assertThatThrownBy(() -> profiler.current(new CsvTable(empty, "empty.csv"), reference, null, 0))
        .isInstanceOf(InputException.class).hasMessageContaining("no rows");
    Path open = dir.resolve("open.csv");
    Files.writeString(open, "x,y,city\n1,2,a\n3,4,\"b\n5,6,c\n");
    CsvTable unclosed = new CsvTable(open, "open.csv");
    assertThatThrownBy(() -> profiler.current(unclosed, reference, null, 0)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).file()).isEqualTo("open.csv"))
        .satisfies(e -> assertThat(((InputException) e).line()).as("the line the record starts on").isEqualTo(3));
  }

  /**
   * Columns x (numbers written many ways, some not numbers), y (plain numbers) and city (labels,
   * quoted with commas and line breaks; with {@code quotes}, one holding a doubled quote).
   */
  private Path write(String name, int rows, double shift, boolean quotes) throws Exception {
    SplittableRandom random = new SplittableRandom(SEED + name.hashCode());
    StringBuilder b = new StringBuilder("x,y,city\r\n");
    String[] cities = {"Oslo", "\"Paris, TX\"", "Lima", "\"\"", ""};
    for (int i = 0; i < rows; i++) {
      double v = random.nextGaussian() + shift;
      // The reference's x holds numbers only, so that it is profiled as a numeric column.
      String x = switch (name.startsWith("ref") ? 39 : random.nextInt(40)) {
        case 0 -> "";
        case 1 -> "NaN";
        case 2 -> "n/a";
        case 3 -> "0x1p3";
        case 4 -> "1d";
        case 5 -> "-Infinity";
        case 6 -> "\" " + v + " \"";
        case 7 -> "\t" + v;
        case 8 -> String.format(java.util.Locale.ROOT, "%.3e", v);
        case 9 -> "+" + Math.abs(v);
        case 10 -> "1e400";
        default -> Double.toString(v);
      };
      String city = i == rows - 7 && shift > 0 ? "\"New\r\nYork, NY\""
          : quotes && i == rows / 2 ? "\"the \"\"quoted\"\" town\"" : cities[random.nextInt(cities.length)];
      b.append(x).append(',').append(random.nextInt(100) + shift * 10).append(',').append(city).append("\r\n");
      if (i % 500 == 0) {
        b.append("\r\n"); // blank lines are skipped by both readers
      }
    }
    Path p = dir.resolve(name);
    Files.writeString(p, b);
    return p;
  }

  private static void assertSame(Profile columnar, Profile rows) {
    assertThat(columnar.rows()).isEqualTo(rows.rows());
    assertThat(columnar.columns()).hasSameSizeAs(rows.columns());
    for (int i = 0; i < rows.columns().size(); i++) {
      ColumnProfile a = columnar.columns().get(i);
      ColumnProfile b = rows.columns().get(i);
      assertThat(a.count()).as(a.name()).isEqualTo(b.count());
      assertThat(a.missing()).as(a.name()).isEqualTo(b.missing());
      assertThat(a.invalid()).as(a.name()).isEqualTo(b.invalid());
      if (a instanceof NumericProfile n && b instanceof NumericProfile m) {
        assertThat(n.sample()).as(n.name()).containsExactly(m.sample());
        assertThat(n.bins()).as(n.name()).containsExactly(m.bins());
        assertThat(n.mean()).as(n.name()).isCloseTo(m.mean(), within(1e-9 * Math.abs(m.mean()) + 1e-12));
        assertThat(n.std()).as(n.name()).isCloseTo(m.std(), within(1e-9 * m.std()));
        assertThat(n.min()).isEqualTo(m.min());
        assertThat(n.max()).isEqualTo(m.max());
      } else {
        CategoricalProfile n = (CategoricalProfile) a;
        CategoricalProfile m = (CategoricalProfile) b;
        assertThat(n.categories()).as(n.name()).isEqualTo(m.categories());
        assertThat(n.other()).isEqualTo(m.other());
        assertThat(n.unseen()).isEqualTo(m.unseen());
        assertThat(n.distinct()).isEqualTo(m.distinct());
      }
    }
  }
}
