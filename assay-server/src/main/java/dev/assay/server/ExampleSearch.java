package dev.assay.server;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.ResultQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A page of a run's examples with filters: error or not (in the store), a tag, a text (in the id,
 * input, reference, output and error), and "flipped against another run" (the per-example value of
 * a metric differs from that run's). The store serves pages in dataset order; filters the store
 * cannot apply are applied here while paging, reading at most {@link #SCAN_BUDGET} results per
 * request, so a rare match costs bounded time: the response then holds fewer items and a cursor to
 * continue from.
 */
final class ExampleSearch {
  static final int SCAN_BUDGET = 50_000;
  private static final int BATCH = 500;

  /** The filters of one request; null fields do not filter. */
  record Filters(Boolean ok, String tagKey, String tagValue, String text, String flippedVs, String metric) {
    boolean needsExamples() {
      return tagKey != null || text != null;
    }
  }

  /** One page: the matching results with their examples, and where to continue (null at the end). */
  record Page(List<ExampleResult> results, List<Example> examples, ResultQuery.Position next) {}

  private final Store store;
  private final Map<String, Dataset> datasets = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Dataset> e) {
      return size() > 2;
    }
  };
  private final Map<String, Map<ExampleResult.Key, Double>> values = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<ExampleResult.Key, Double>> e) {
      return size() > 4;
    }
  };

  ExampleSearch(Store store) {
    this.store = store;
  }

  Page page(RunRecord run, Filters f, ResultQuery.Position after, int limit) {
    Dataset data = dataset(run);
    Map<ExampleResult.Key, Double> other = null;
    String metric = null;
    if (f.flippedVs() != null) {
      RunRecord o = store.run(f.flippedVs()).orElseThrow(() -> Problem.notFound("no run " + f.flippedVs()));
      metric = f.metric() != null ? f.metric() : firstMetric(run, o);
      if (metric == null) {
        throw Problem.badRequest("the two runs share no metric to compare examples on; give metric=NAME");
      }
      other = values(o.runId(), metric);
    }
    String needle = f.text() == null ? null : f.text().toLowerCase(Locale.ROOT);
    List<ExampleResult> out = new ArrayList<>();
    List<Example> examples = new ArrayList<>();
    ResultQuery.Position position = after;
    int scanned = 0;
    while (true) {
      List<ExampleResult> batch = store.results(run.runId(), new ResultQuery(position, f.needsExamples()
          || other != null ? BATCH : Math.min(BATCH, limit), f.ok()));
      for (ExampleResult r : batch) {
        position = ResultQuery.Position.of(r);
        scanned++;
        Example e = data != null && r.index() < data.size() && data.examples().get(r.index()).id().equals(r.id())
            ? data.examples().get(r.index()) : null;
        if (matches(r, e, f, needle, other, metric)) {
          out.add(r);
          examples.add(e);
          if (out.size() == limit) {
            return new Page(out, examples, position);
          }
        }
      }
      if (batch.isEmpty()) {
        return new Page(out, examples, null);
      }
      if (scanned >= SCAN_BUDGET) {
        return new Page(out, examples, position);
      }
    }
  }

  private static boolean matches(ExampleResult r, Example e, Filters f, String needle,
      Map<ExampleResult.Key, Double> other, String metric) {
    if (f.tagKey() != null && (e == null || !f.tagValue().equals(e.tags().get(f.tagKey())))) {
      return false;
    }
    if (needle != null && !contains(r, e, needle)) {
      return false;
    }
    if (other != null) {
      Double mine = r.value(metric);
      Double theirs = other.get(r.key());
      return mine != null && theirs != null && Math.abs(mine - theirs) > 1e-9 * Math.max(1, Math.abs(theirs));
    }
    return true;
  }

  private static boolean contains(ExampleResult r, Example e, String needle) {
    if (has(r.id(), needle) || has(r.error(), needle)) {
      return true;
    }
    if (r.output() != null && has(r.output().isTextual() ? r.output().textValue() : Json.canonical(r.output()), needle)) {
      return true;
    }
    return e != null && (has(e.inputText(), needle) || e.reference() != null
        && has(e.reference().isTextual() ? e.reference().textValue() : Json.canonical(e.reference()), needle));
  }

  private static boolean has(String s, String needle) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
  }

  private static String firstMetric(RunRecord a, RunRecord b) {
    for (String m : a.metrics()) {
      if (b.metrics().contains(m)) {
        return m;
      }
    }
    return null;
  }

  private synchronized Dataset dataset(RunRecord run) {
    if (run.datasetHash() == null) {
      return null;
    }
    Dataset d = datasets.get(run.datasetHash());
    if (d == null) {
      d = store.dataset(run.datasetHash()).orElse(null);
      if (d != null) {
        datasets.put(run.datasetHash(), d);
      }
    }
    return d;
  }

  /** Drops what is cached of a run's per-example values: its results changed, or it was deleted. */
  synchronized void forget(String runId) {
    values.keySet().removeIf(k -> k.startsWith(runId + "\u0000"));
  }

  private synchronized Map<ExampleResult.Key, Double> values(String runId, String metric) {
    return values.computeIfAbsent(runId + "\u0000" + metric, k -> {
      Map<ExampleResult.Key, Double> m = new HashMap<>();
      store.forEachResult(runId, r -> {
        Double v = r.value(metric);
        if (v != null) {
          m.put(r.key(), v);
        }
      });
      return m;
    });
  }
}
