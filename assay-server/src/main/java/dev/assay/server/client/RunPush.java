package dev.assay.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Plan;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.DatasetCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Pushes a stored run to a server: its dataset, header, per-example results and lineage, then its
 * final header. Idempotent and resumable:
 *
 * <ul>
 *   <li>the dataset is sent only when the server lacks its hash;
 *   <li>results go in chunks in dataset order, streamed from the store (memory stays bounded by one
 *       chunk whatever the run's size); the server stores a result once per key, so a chunk sent
 *       twice changes nothing;
 *   <li>a push that was interrupted resumes where the server's copy ends: when the server holds
 *       {@code n} results whose last, in dataset order, is the {@code n}-th of the local run, those
 *       {@code n} are exactly the local run's first {@code n} (a run's keys are unique and the
 *       server's are a subset of them) and are skipped; otherwise every result is sent again.
 *   <li>a run new to the server is first created as running, and its real header is sent last, so
 *       no one sees a finished run with half its results.
 * </ul>
 */
public final class RunPush {
  /** Most results per chunk (the server accepts 10,000). */
  static final int CHUNK = 2_000;
  /** Most bytes per chunk (the server accepts 32 MiB). */
  static final int CHUNK_BYTES = 16 << 20;

  private final ServerClient client;

  /**
   * What a push did.
   *
   * @param runId the run
   * @param sent results sent
   * @param skipped results the server already held (a resumed push)
   * @param stored results the server holds now
   * @param datasetSent whether the dataset was uploaded
   */
  public record Outcome(String runId, long sent, long skipped, long stored, boolean datasetSent) {}

  public RunPush(ServerClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Pushes run {@code runId} of {@code store}. */
  public Outcome push(Store store, String runId) {
    RunRecord run = store.run(runId).orElseThrow(() -> InputException.of("no run " + runId + " in the local store",
        "a run id from assay runs list"));
    boolean datasetSent = pushDataset(store, run);
    JsonNode remote = ServerClient.found(client.get("/api/v1/runs/" + runId)).orElse(null);
    if (remote == null) {
      client.sendJson("PUT", "/api/v1/runs/" + runId, header(run.reopen()));
    }
    long serverStored = remote == null ? 0 : remote.path("results").path("stored").asLong();
    long skip = serverStored > 0 && isPrefix(store, runId, serverStored, remote.path("results").path("last"))
        ? serverStored : 0;
    long[] counts = new long[2]; // position, sent
    Chunk chunk = new Chunk();
    store.forEachResult(runId, r -> {
      if (++counts[0] <= skip) {
        return;
      }
      if (chunk.add(r)) {
        counts[1] += chunk.flush(this::sendChunk, runId);
      }
    });
    counts[1] += chunk.flush(this::sendChunk, runId);
    JsonNode ack = client.sendJson("PUT", "/api/v1/runs/" + runId, header(run)).body();
    long stored = ack == null ? -1 : ack.path("results").path("stored").asLong(-1);
    return new Outcome(runId, counts[1], skip, stored, datasetSent);
  }

  /** Creates the run on the server as running, with its dataset, before results arrive one chunk at a time. */
  public void begin(Store store, RunRecord run) {
    pushDataset(store, run);
    client.sendJson("PUT", "/api/v1/runs/" + run.runId(), header(run.reopen()));
  }

  /** Appends results (any order, any size up to {@link #CHUNK}). */
  public void append(String runId, List<ExampleResult> results) {
    if (!results.isEmpty()) {
      sendChunk(runId, results);
    }
  }

  /** Sends the run's final header. */
  public void finish(RunRecord run) {
    client.sendJson("PUT", "/api/v1/runs/" + run.runId(), header(run));
  }

  /** Pushes a verdict (and the plan it cites, when the store has it). */
  public void pushVerdict(Store store, VerdictRecord v) {
    if (v.planHash() != null) {
      for (Plan p : store.plans()) {
        if (p.hash().equals(v.planHash())) {
          client.sendJson("PUT", "/api/v1/plans/" + p.hash(), p.toJson());
        }
      }
    }
    client.sendJson("POST", "/api/v1/verdicts", Json.RECORDS.valueToTree(v));
  }

  /** Whether the local run's {@code n}-th result (in dataset order) is the server's last one. */
  private static boolean isPrefix(Store store, String runId, long n, JsonNode last) {
    long[] seen = {0};
    ExampleResult[] nth = {null};
    try {
      store.forEachResult(runId, r -> {
        if (++seen[0] == n) {
          nth[0] = r;
          throw new Found();
        }
      });
    } catch (Found found) {
      // stopped at the n-th result
    }
    return nth[0] != null && samePosition(last, nth[0]);
  }

  /** Stops a stream early. */
  private static final class Found extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Found() {
      super(null, null, false, false);
    }
  }

  private static boolean samePosition(JsonNode last, ExampleResult r) {
    return last != null && !last.isNull() && last.path("index").asInt(-1) == r.index()
        && last.path("repeat").asInt(-1) == r.repeat() && r.id().equals(last.path("id").asText());
  }

  private boolean pushDataset(Store store, RunRecord run) {
    String hash = run.datasetHash();
    if (hash == null || ServerClient.found(client.get("/api/v1/datasets/" + hash)).isPresent()) {
      return false;
    }
    Dataset d = store.dataset(hash).orElse(null);
    if (d == null) {
      return false; // an old run whose dataset was never stored: the server shows its results without examples
    }
    String source = d.source() == null ? "" : "?source=" + java.net.URLEncoder.encode(d.source(), StandardCharsets.UTF_8);
    client.sendStream("PUT", "/api/v1/datasets/" + hash + source, () -> lines(d), "application/x-ndjson");
    return true;
  }

  /** The dataset as JSON Lines, encoded one example at a time as the stream is read. */
  private static InputStream lines(Dataset d) {
    Iterator<dev.assay.core.Example> it = d.examples().iterator();
    return new SequenceInputStream(new java.util.Enumeration<>() {
      @Override
      public boolean hasMoreElements() {
        return it.hasNext();
      }

      @Override
      public InputStream nextElement() {
        return new ByteArrayInputStream((DatasetCodec.line(it.next()) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  private static ObjectNode header(RunRecord run) {
    return (ObjectNode) Json.RECORDS.valueToTree(run);
  }

  private void sendChunk(String runId, List<ExampleResult> results) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    results.forEach(r -> a.add(Json.RECORDS.valueToTree(r)));
    ObjectNode body = Json.object();
    body.set("results", a);
    client.sendJson("POST", "/api/v1/runs/" + runId + "/results", body);
  }

  /** Results waiting to be sent, bounded by count and bytes. */
  private static final class Chunk {
    final List<ExampleResult> pending = new ArrayList<>();
    long bytes;

    /** Adds a result; true when the chunk should be sent now. */
    boolean add(ExampleResult r) {
      pending.add(r);
      bytes += estimate(r);
      return pending.size() >= CHUNK || bytes >= CHUNK_BYTES;
    }

    long flush(Sender sender, String runId) {
      if (pending.isEmpty()) {
        return 0;
      }
      sender.send(runId, Collections.unmodifiableList(new ArrayList<>(pending)));
      long n = pending.size();
      pending.clear();
      bytes = 0;
      return n;
    }

    private static long estimate(ExampleResult r) {
      long n = 200 + r.id().length();
      if (r.output() != null) {
        n += r.output().isTextual() ? r.output().textValue().length() * 3L : Json.write(r.output()).length();
      }
      if (r.error() != null) {
        n += r.error().length() * 3L;
      }
      return n + r.scores().size() * 64L;
    }
  }

  @FunctionalInterface
  private interface Sender {
    void send(String runId, List<ExampleResult> results);
  }
}
