package dev.assay.cli;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.text.TerminalText;
import dev.assay.engine.EngineListener;
import dev.assay.engine.ErrorSummary;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar on an interactive terminal (done/total, rate, ETA, errors), written to stderr;
 * silent otherwise, so logs and CI output stay clean.
 */
final class ProgressListener implements EngineListener {
  private final boolean enabled;
  private final PrintWriter err;
  private final AtomicLong errors = new AtomicLong();
  private volatile ProgressBar bar;

  ProgressListener(CliContext ctx) {
    this.enabled = ctx.interactive();
    this.err = ctx.err();
  }

  @Override
  public void started(String runId, String systemName, long total, long alreadyDone) {
    errors.set(0);
    if (!enabled) {
      return;
    }
    bar = new ProgressBarBuilder()
        .setTaskName(TerminalText.escape(systemName))
        .setInitialMax(total)
        .startsFrom(alreadyDone, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(new java.io.PrintStream(new WriterStream(err), true)))
        .build();
  }

  @Override
  public void acknowledged(ExampleResult result) {
    if (!result.ok()) {
      errors.incrementAndGet();
    }
    ProgressBar b = bar;
    if (b != null) {
      b.step();
      if (!result.ok()) {
        b.setExtraMessage(" errors " + errors.get());
      }
    }
  }

  /**
   * Closes the bar, then says on stderr how the run ended when it did not end cleanly: its failures
   * grouped by cause (top causes with counts and one example id each), why a failed run failed, and
   * how to finish an aborted one. Printed whether or not stderr is a terminal: CI logs need it most.
   */
  @Override
  public void finished(RunRecord run, ErrorSummary errors) {
    ProgressBar b = bar;
    if (b != null) {
      b.close();
      bar = null;
    }
    if (!errors.clean()) {
      err.println("errors in run " + run.runId() + " (" + run.systemName() + "), by cause:");
      errors.lines(MAX_CAUSES).forEach(line -> err.println("  " + TerminalText.escape(line)));
    }
    if (run.status() == RunStatus.FAILED) {
      err.println("run " + run.runId() + " (" + run.systemName() + ") FAILED: " + TerminalText.escape(run.failure()));
    } else if (run.status() == RunStatus.ABORTED) {
      err.println("run " + run.runId() + " (" + run.systemName() + ") aborted with "
          + run.counts().total() + " of " + run.expectedResults() + " results stored; finish it with: assay run --resume "
          + run.runId());
    }
    err.flush();
  }

  /** Causes listed after a run, most frequent first. */
  static final int MAX_CAUSES = 5;

  /** Bridges the bar's PrintStream to the injected stderr writer. */
  private static final class WriterStream extends java.io.OutputStream {
    private final PrintWriter w;

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      w.flush();
    }
  }
}
