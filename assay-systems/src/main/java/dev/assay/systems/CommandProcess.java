package dev.assay.systems;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running subprocess of a {@link CommandSystem} and the two threads that serve its pipes.
 *
 * <p>The I/O thread writes each request line to stdin and reads one line back from stdout; the
 * caller waits on a future, so it can give up on a timeout or an interruption even while the
 * thread is stuck in a pipe. The stderr thread drains stderr continuously, so a chatty process
 * never blocks on a full pipe, and keeps a bounded tail for messages. Exchanges are used by one
 * caller at a time ({@link CommandSystem}'s pool guarantees it); the kill and terminate methods
 * may be called from any thread. A process is never reused after a fault: the caller discards it
 * with {@link #kill()} and starts another.
 */
final class CommandProcess {
  private static final Logger LOG = LoggerFactory.getLogger(CommandProcess.class);
  private static final long EXIT_WAIT_MS = 1000;
  private static final long STDERR_JOIN_MS = 1000;

  private final Process process;
  private final String label;
  private final StderrTail stderr = new StderrTail(10, 300);
  private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
  private final BufferedWriter stdin;
  private final BufferedReader stdout;
  private final Thread io;
  private final Thread stderrDrain;

  private record Exchange(String request, CompletableFuture<String> answer) {}

  private CommandProcess(Process process, String name) {
    this.process = process;
    this.label = "command '" + name + "' (pid " + process.pid() + ")";
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.io = daemon(this::serve, "assay-" + name + "-" + process.pid() + "-io");
    this.stderrDrain = daemon(this::drainStderr, "assay-" + name + "-" + process.pid() + "-stderr");
  }

  /** Starts the process of {@code config}; {@code name} labels messages and threads. */
  static CommandProcess start(CommandSystem.Config config, String name) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(config.command()).directory(config.workdir().toFile());
    builder.environment().putAll(config.env());
    CommandProcess p = new CommandProcess(builder.start(), name);
    p.io.start();
    p.stderrDrain.start();
    LOG.debug("started {}", p.label);
    return p;
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  /** {@code command 'NAME' (pid N)}, for messages. */
  String label() {
    return label;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * Sends one request line. The future completes with the answer line, or with null when stdout
   * ended (or stdin broke) before a line came; it never completes exceptionally.
   */
  CompletableFuture<String> exchange(String request) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    exchanges.add(new Exchange(request, answer));
    return answer;
  }

  private void serve() {
    try {
      while (true) {
        Exchange x = exchanges.take();
        String line;
        try {
          stdin.write(x.request());
          stdin.write('\n');
          stdin.flush();
          line = stdout.readLine();
        } catch (IOException e) {
          line = null; // a broken pipe: the process is gone, which the caller reports from its exit
        }
        x.answer().complete(line);
        if (line == null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // The process was discarded: nothing more to serve.
    }
  }

  private void drainStderr() {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        stderr.add(line);
        LOG.debug("{} stderr: {}", label, line);
      }
    } catch (IOException e) {
      // The pipe broke because the process was killed: what was read so far is the tail.
    }
  }

  /**
   * After stdout ended: how the process ended, for a message, e.g. {@code exited with code 3;
   * stderr: ...}. Waits briefly for the exit; a process that closed stdout but keeps running is
   * killed. Waits briefly for the stderr tail to be complete.
   */
  String describeEnd() throws InterruptedException {
    String how;
    if (process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
      how = "exited with code " + process.exitValue();
    } else {
      kill();
      how = "closed its stdout but kept running, so it was killed";
    }
    stderrDrain.join(STDERR_JOIN_MS);
    return how + stderr.describe();
  }

  /** Kills the process and its descendants at once (SIGKILL) and stops the I/O thread. */
  void kill() {
    // Collect descendants before the parent dies: orphans are re-parented and lost to us, yet
    // may keep our pipes open.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    io.interrupt();
  }

  /** Asks the process and its descendants to end (SIGTERM) and stops the I/O thread. */
  void terminate() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    io.interrupt();
  }

  /** Waits up to {@code millis} for the process to exit; true when it has. */
  boolean awaitExit(long millis) throws InterruptedException {
    return process.waitFor(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }
}
