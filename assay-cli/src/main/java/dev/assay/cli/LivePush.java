package dev.assay.cli;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.engine.EngineListener;
import dev.assay.engine.ErrorSummary;
import dev.assay.server.client.RunPush;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a run to a server while it runs ({@code assay run --server}): the run is created there as
 * running, each acknowledged result is queued and sent in batches by one background thread (the
 * engine never waits on the network), and the final header goes when the run ends, so the server's
 * page shows live counts. If anything went wrong on the way (the server was unreachable, the queue
 * overflowed), the finished run is pushed whole, which is idempotent and resumable.
 */
final class LivePush implements EngineListener, AutoCloseable {
  private static final int QUEUE = 200_000;
  private static final int BATCH = 1_000;

  private final RunPush push;
  private final Store store;
  private final CliContext ctx;
  private final BlockingQueue<ExampleResult> queue = new LinkedBlockingQueue<>(QUEUE);
  private volatile String runId;
  private volatile boolean degraded;
  private volatile boolean stopping;
  private Thread sender;

  LivePush(RunPush push, Store store, CliContext ctx) {
    this.push = push;
    this.store = store;
    this.ctx = ctx;
  }

  @Override
  public void started(String id, String systemName, long total, long alreadyDone) {
    drain();
    runId = id;
    degraded = false;
    try {
      push.begin(store, store.run(id).orElseThrow());
    } catch (RuntimeException e) {
      degrade(e);
    }
    stopping = false;
    sender = new Thread(this::sendLoop, "assay-live-push");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void acknowledged(ExampleResult result) {
    if (!degraded && !queue.offer(result)) {
      degraded = true;
      queue.clear();
    }
  }

  @Override
  public void finished(RunRecord run, ErrorSummary errors) {
    drain();
    try {
      if (degraded) {
        RunPush.Outcome o = push.push(store, run.runId());
        ctx.err().println("pushed run " + run.runId() + " to the server after the fact: "
            + Plural.of(o.sent(), "result") + " sent");
      } else {
        push.finish(run);
        ctx.err().println("run " + run.runId() + " is on the server");
      }
    } catch (RuntimeException e) {
      ctx.err().println("warning: could not push run " + run.runId() + " to the server: "
          + TerminalText.escape(String.valueOf(e.getMessage())) + "; push it later with assay runs push "
          + run.runId() + " --server URL");
    }
  }

  private void sendLoop() {
    List<ExampleResult> batch = new ArrayList<>(BATCH);
    while (!stopping || !queue.isEmpty()) {
      try {
        ExampleResult first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        if (!degraded) {
          push.append(runId, batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        degrade(e);
      } finally {
        batch.clear();
      }
    }
  }

  private void degrade(RuntimeException e) {
    if (!degraded) {
      degraded = true;
      ctx.err().println("warning: live push to the server stopped (" + TerminalText.escape(String.valueOf(
          e.getMessage())) + "); the run continues and will be pushed when it ends");
    }
  }

  /** Waits until the queued results are sent and the sender has stopped. */
  private void drain() {
    Thread t = sender;
    if (t == null) {
      return;
    }
    stopping = true;
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender = null;
  }

  @Override
  public void close() {
    drain();
  }
}
