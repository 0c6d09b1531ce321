package dev.assay.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.ResultStats;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress of runs in progress, sent to browsers as server-sent events.
 *
 * <p>Counts come from the store ({@link Store#resultStats}), so they are right whoever appended the
 * results (this server, or another process on the same store). Running means of each metric are
 * kept per run while results are pushed here; a chunk that replaces results already stored (a
 * resumed push) would count twice, so it marks the means stale and they are recomputed from the
 * store, at most once per run per {@link #TICK_MS} period. Each subscriber gets a {@code progress}
 * event at once, then whenever what it would show changes (checked every {@link #TICK_MS} ms), and
 * the stream ends after the run's final state is sent.
 */
final class LiveRuns implements AutoCloseable {
  static final long TICK_MS = 500;
  private static final long KEEPALIVE_MS = 15_000;

  private final Store store;
  private final Map<String, Means> means = new ConcurrentHashMap<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "assay-live-runs");
    t.setDaemon(true);
    return t;
  });

  private static final class Means {
    final Map<String, double[]> sums = new TreeMap<>();
    boolean stale = true;
  }

  private static final class Subscriber {
    final SseClient client;
    final String runId;
    String last;
    long lastSent = System.currentTimeMillis();

    Subscriber(SseClient client, String runId) {
      this.client = client;
      this.runId = runId;
    }
  }

  LiveRuns(Store store) {
    this.store = store;
    ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** Results were appended: {@code added} of them were new (the rest replaced stored ones). */
  void appended(String runId, List<ExampleResult> chunk, long added) {
    Means m = means.computeIfAbsent(runId, k -> new Means());
    synchronized (m) {
      if (added != chunk.size()) {
        m.stale = true;
        return;
      }
      if (m.stale) {
        return;
      }
      for (ExampleResult r : chunk) {
        add(m, r);
      }
    }
  }

  void forget(String runId) {
    means.remove(runId);
  }

  /** Streams a run's progress to {@code client}. */
  void subscribe(SseClient client, String runId) {
    Subscriber s = new Subscriber(client, runId);
    client.onClose(() -> subscribers.remove(s));
    subscribers.add(s);
    client.keepAlive();
    send(s);
  }

  /** The progress event of a run: status, counts, expected results and the metrics' running means. */
  ObjectNode progress(RunRecord run) {
    ResultStats st = store.resultStats(run.runId());
    ObjectNode o = Json.object();
    o.put("run_id", run.runId());
    o.put("status", run.status().wire());
    o.put("stored", st.stored());
    o.put("ok", st.ok());
    o.put("errors", st.errors());
    o.put("expected", run.expectedResults());
    ObjectNode metrics = o.putObject("means");
    if (run.status() == RunStatus.RUNNING) {
      Means m = means.computeIfAbsent(run.runId(), k -> new Means());
      synchronized (m) {
        if (m.stale) {
          m.sums.clear();
          store.forEachResult(run.runId(), r -> add(m, r));
          m.stale = false;
        }
        m.sums.forEach((k, v) -> metrics.put(k, v[1] == 0 ? null : v[0] / v[1]));
      }
    } else {
      run.aggregates().forEach((k, v) -> {
        if (Double.isFinite(v)) {
          metrics.put(k, v);
        }
      });
    }
    return o;
  }

  private static void add(Means m, ExampleResult r) {
    for (Map.Entry<String, Score> e : r.scores().entrySet()) {
      if (e.getValue().hasValue() && Double.isFinite(e.getValue().value())) {
        double[] s = m.sums.computeIfAbsent(e.getKey(), k -> new double[2]);
        s[0] += e.getValue().value();
        s[1] += 1;
      }
    }
  }

  private void tick() {
    for (Subscriber s : subscribers) {
      try {
        send(s);
      } catch (RuntimeException e) {
        subscribers.remove(s);
        s.client.close();
      }
    }
  }

  private void send(Subscriber s) {
    if (s.client.terminated()) {
      subscribers.remove(s);
      return;
    }
    RunRecord run = store.run(s.runId).orElse(null);
    if (run == null) {
      s.client.sendEvent("gone", "{}");
      subscribers.remove(s);
      s.client.close();
      return;
    }
    String data = Json.write(progress(run));
    long now = System.currentTimeMillis();
    if (!Objects.equals(data, s.last)) {
      s.client.sendEvent("progress", data);
      s.last = data;
      s.lastSent = now;
    } else if (now - s.lastSent > KEEPALIVE_MS) {
      s.client.sendComment("keep-alive");
      s.lastSent = now;
    }
    if (run.status() != RunStatus.RUNNING) {
      subscribers.remove(s);
      s.client.close();
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    subscribers.forEach(s -> s.client.close());
    subscribers.clear();
  }
}
