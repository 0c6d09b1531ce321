package dev.assay.monitor.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.monitor.drift.DriftCheck;
import dev.assay.monitor.drift.DriftConfig;
import dev.assay.monitor.drift.DriftReport;
import dev.assay.monitor.profile.CategoricalProfile;
import dev.assay.monitor.profile.ColumnProfile;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.TextProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every drifted finding gets its picture: label shares, missing shares, text similarity bands. */
class DriftHtmlTest {
  private static final Pattern BAR = Pattern.compile("<title>([^<]*): reference ([0-9.e-]+), current ([0-9.e-]+)</title>");

  @Test
  void driftedMissingShareAndTextTopicsAreDrawn() {
    long seed = 20261207L;
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    // Reference texts near one direction; current texts half near an orthogonal one (another topic).
    TextProfile refText = text("question", embeddings(random, 120, 0), 120);
    float[][] cur = embeddings(random, 120, 0);
    float[][] other = embeddings(random, 60, 1);
    System.arraycopy(other, 0, cur, 0, 60);
    TextProfile curText = text("question", cur, 120);
    CategoricalProfile refFeedback = new CategoricalProfile("feedback", 1000, 0, 0, labels(750, 250), 0, 2, Map.of());
    CategoricalProfile curFeedback = new CategoricalProfile("feedback", 700, 300, 0, labels(525, 175), 0, 2, Map.of());
    Profile reference = profile(refText, refFeedback);
    Profile current = profile(curText, curFeedback);
    DriftReport report = new DriftCheck(DriftConfig.standard()).check(reference, current);
    assertThat(report.driftedColumns()).extracting(d -> d.column() + "/" + d.aspect())
        .containsExactlyInAnyOrder("question/distribution", "feedback/missing");

    String html = DriftHtml.render(List.of(report), reference, List.of(current));

    assertThat(html).contains("feedback: present against missing or invalid",
        "question: share per band of similarity to the reference centroid", "td.n{white-space:nowrap}");
    Map<String, double[]> bars = bars(html);
    assertThat(bars.get("missing or invalid")).containsExactly(0.0, 0.3);
    // The reference fills its own deciles evenly; the other topic lands in the least similar band.
    double[] lowest = bars.entrySet().stream().filter(e -> e.getKey().startsWith("&lt; ") || e.getKey().startsWith("< "))
        .findFirst().orElseThrow().getValue();
    assertThat(lowest[0]).isCloseTo(0.1, org.assertj.core.api.Assertions.within(0.02));
    assertThat(lowest[1]).isGreaterThanOrEqualTo(0.5);
    // Feedback's label shares did not move: no label chart for it.
    assertThat(html).doesNotContain("feedback: share per label");
  }

  private static Map<String, double[]> bars(String html) {
    Map<String, double[]> out = new LinkedHashMap<>();
    Matcher m = BAR.matcher(html);
    while (m.find()) {
      out.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
    }
    return out;
  }

  private static Map<String, Long> labels(long up, long down) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("up", up);
    m.put("down", down);
    return m;
  }

  private static Profile profile(ColumnProfile... columns) {
    return new Profile(Profile.FORMAT_VERSION, "test", columns[1].count() + columns[1].missing(), 0, 2000, null,
        List.of(columns));
  }

  /** Unit vectors in 16 dimensions near axis {@code axis}. */
  private static float[][] embeddings(Random random, int n, int axis) {
    float[][] e = new float[n][16];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int j = 0; j < 16; j++) {
        e[i][j] = (float) (0.3 * random.nextGaussian() + (j == axis ? 1 : 0));
        norm += e[i][j] * e[i][j];
      }
      for (int j = 0; j < 16; j++) {
        e[i][j] /= (float) Math.sqrt(norm);
      }
    }
    return e;
  }

  private static TextProfile text(String name, float[][] embeddings, long count) {
    double[] centroid = new double[embeddings[0].length];
    for (float[] row : embeddings) {
      for (int j = 0; j < row.length; j++) {
        centroid[j] += row[j] / embeddings.length;
      }
    }
    List<float[]> copy = new ArrayList<>(List.of(embeddings));
    return new TextProfile(name, count, 0, 0, 40, 5, "test", copy.toArray(new float[0][]), centroid);
  }
}
