package dev.assay.report;

import dev.assay.core.Lineage;
import dev.assay.core.RunRecord;
import dev.assay.core.text.HumanTime;
import dev.assay.core.text.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The lineage of runs as rows (field, then one value per run), shared by the HTML report, the
 * Markdown summary and the model card so that all three show the same provenance.
 */
public final class LineageRows {
  private LineageRows() {}

  public static List<String[]> of(List<RunRecord> runs) {
    List<String[]> rows = new ArrayList<>();
    add(rows, "run id", runs, RunRecord::runId);
    add(rows, "system", runs, RunRecord::systemName);
    add(rows, "status", runs, r -> String.valueOf(r.status()));
    add(rows, "suite", runs, r -> r.suiteName() + " (" + r.suitePath() + ")");
    add(rows, "suite sha256", runs, RunRecord::suiteHash);
    add(rows, "dataset", runs, r -> r.datasetPath() + " (" + r.datasetSize() + " examples × " + r.repeats()
        + (r.datasetLeftOut() == 0 ? "" : "; " + r.datasetLeftOut() + " queries without judgments left out") + ")");
    add(rows, "dataset sha256", runs, RunRecord::datasetHash);
    if (runs.stream().anyMatch(r -> !r.judges().isEmpty())) {
      // Which judge scored each judged metric: what calibrations bind to (docs/judges.md).
      add(rows, "judges", runs, r -> r.judges().isEmpty() ? "(none recorded)" : String.join(", ",
          r.judges().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().substring(0,
              Math.min(12, e.getValue().length()))).toList()));
    }
    add(rows, "seed", runs, r -> Long.toString(r.seed()));
    add(rows, "assay version", runs, r -> lineage(r, Lineage::assayVersion));
    add(rows, "git commit", runs, r -> lineage(r, l -> l.gitCommit() == null ? "(not in a git repository)"
        : l.gitCommit() + (Boolean.TRUE.equals(l.gitDirty()) ? " (dirty: uncommitted changes)" : "")));
    add(rows, "JVM", runs, r -> lineage(r, Lineage::jvm));
    add(rows, "OS", runs, r -> lineage(r, Lineage::os));
    add(rows, "started", runs, r -> HumanTime.of(r.startedAt(), "(unknown)"));
    add(rows, "ended", runs, r -> HumanTime.of(r.endedAt(), "(not finished)"));
    add(rows, "results", runs, r -> r.counts().ok() + " ok, " + Plural.of(r.counts().error(), "error"));
    return rows;
  }

  private static String lineage(RunRecord r, Function<Lineage, String> f) {
    return r.lineage() == null ? "(unknown)" : String.valueOf(f.apply(r.lineage()));
  }

  private static void add(List<String[]> rows, String field, List<RunRecord> runs, Function<RunRecord, String> f) {
    String[] row = new String[runs.size() + 1];
    row[0] = field;
    for (int i = 0; i < runs.size(); i++) {
      row[i + 1] = String.valueOf(f.apply(runs.get(i)));
    }
    rows.add(row);
  }
}
