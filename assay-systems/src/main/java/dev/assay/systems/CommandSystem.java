package dev.assay.systems;

import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A system served by long-lived subprocesses speaking JSONL (adapter type {@code command}).
 *
 * <p>Protocol: for each call assay writes one line {@code {"id": ..., "input": ..., "repeat": n,
 * "seed": s}} to the process's stdin, and the process answers one line on stdout, either {@code
 * {"id": ..., "output": ...}} (optionally with {@code latency_ms}, {@code tokens_in}, {@code
 * tokens_out}, {@code cost}) or {@code {"id": ..., "error": "..."}}. A process handles one request
 * at a time; a pool of {@link Config#processes} processes serves concurrent calls, each call
 * waiting (untimed, interruptibly) for a free process; the timeout counts from when the request
 * is sent. The most recently freed process is preferred, so lazily started pools grow only as
 * far as the concurrency needs. The command runs directly, never through a
 * shell, so inputs are never interpreted.
 *
 * <p>Faults, and what the engine may do about them:
 *
 * <ul>
 *   <li>an {@code error} answer is the system's verdict on the example: a non-transient {@link
 *       SystemException}; the process is kept;
 *   <li>the process dies or closes stdout mid-request: a transient {@link SystemException} naming
 *       the exit code and the last lines of stderr, so the engine retries the example; the process
 *       is restarted for the next call;
 *   <li>a protocol violation (a stdout line that is not a JSON object, an answer for another id,
 *       neither output nor error, a malformed number) is treated the same way: transient, and the
 *       process is restarted. A process that prints stray lines on stdout is out of step with its
 *       requests, and a fresh process is the only way to be sure the next answer belongs to the
 *       next request; retrying covers processes whose stray output is occasional;
 *   <li>the per-call timeout ({@link Invocation#timeout()}; null or non-positive means none)
 *       kills the process and throws a transient {@code SystemException("timeout after ...")};
 *       interruption kills it likewise and throws {@link InterruptedException}. Either way the
 *       next call starts a fresh process.
 * </ul>
 *
 * <p>Processes start lazily unless {@link #start()} is called; stderr is drained continuously.
 * {@link #close()} asks every process to end (SIGTERM), waits up to {@link #CLOSE_GRACE}, then
 * kills what remains; it is idempotent, and calls after it fail with a non-transient exception.
 */
public final class CommandSystem implements SystemUnderTest {
  /** How long {@link #close()} lets processes end on their own before killing them. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /**
   * How to run the processes.
   *
   * @param name the system's name, for messages and thread names
   * @param command program and arguments, never empty
   * @param workdir the processes' working directory
   * @param env variables added to the inherited environment
   * @param processes pool size, at least 1
   * @param dependsOn the files and folders (relative to {@code workdir}) the answers depend on, as
   *     the suite's {@code depends_on} lists them; null for the default, every file the command
   *     line names ({@link CommandFiles})
   */
  public record Config(String name, List<String> command, Path workdir, Map<String, String> env, int processes,
      List<String> dependsOn) {
    /** A command whose content is the files its command line names. */
    public Config(String name, List<String> command, Path workdir, Map<String, String> env, int processes) {
      this(name, command, workdir, env, processes, null);
    }

    public Config {
      Objects.requireNonNull(name, "name");
      command = List.copyOf(command);
      dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
      Objects.requireNonNull(workdir, "workdir");
      env = Map.copyOf(env);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("empty command");
      }
      if (processes < 1) {
        throw new IllegalArgumentException("processes < 1: " + processes);
      }
    }
  }

  private final Config config;
  private final List<Slot> slots = new ArrayList<>();
  /** Free slots; the most recently used is taken first, so a light load keeps few processes busy. */
  private final BlockingDeque<Slot> idle;
  private final String contentHash;
  private volatile boolean closed;

  public CommandSystem(Config config) {
    this.config = config;
    this.contentHash = config.dependsOn() == null ? CommandFiles.contentHash(config.command(), config.workdir())
        : CommandFiles.dependencies(config.dependsOn(), config.workdir());
    this.idle = new LinkedBlockingDeque<>(config.processes());
    for (int i = 0; i < config.processes(); i++) {
      Slot slot = new Slot();
      slots.add(slot);
      idle.add(slot);
    }
  }

  public Config config() {
    return config;
  }

  /**
   * sha256 of the files the command line names (the script), or of those {@code depends_on}
   * lists; null when there are none. See {@link CommandFiles}. Editing the script therefore misses
   * the response cache.
   */
  @Override
  public String contentHash() {
    return contentHash;
  }

  @Override
  public String contentSources() {
    if (config.dependsOn() != null) {
      return "the files in its depends_on: " + String.join(", ", config.dependsOn());
    }
    return "the files its command line names: " + String.join(", ", CommandFiles.named(config.command(),
        config.workdir())) + "; if the command writes one of them (a log, a cache), list the files it reads "
        + "in depends_on instead";
  }

  /**
   * Starts every process of the pool now instead of at its first call, so slow start-ups overlap
   * and a command that cannot run is reported before any call.
   *
   * @throws IOException when a process cannot be started (nothing is left running then)
   */
  public void start() throws IOException {
    try {
      for (Slot slot : slots) {
        slot.running();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The processes running now (for diagnostics and tests). */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Slot slot : slots) {
      CommandProcess p = slot.current();
      if (p != null) {
        handles.add(p.handle());
      }
    }
    return handles;
  }

  @Override
  public Output call(Invocation invocation) throws SystemException, InterruptedException {
    Slot slot = idle.takeFirst();
    try {
      return slot.call(invocation);
    } finally {
      idle.addFirst(slot);
    }
  }

  /** Idempotent: ends every process, politely first; see the class comment. */
  @Override
  public void close() {
    closed = true;
    List<CommandProcess> ending = new ArrayList<>();
    for (Slot slot : slots) {
      CommandProcess p = slot.detach();
      if (p != null) {
        p.terminate();
        ending.add(p);
      }
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    boolean interrupted = false;
    for (CommandProcess p : ending) {
      try {
        if (!p.awaitExit(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))) {
          p.kill();
          p.awaitExit(CLOSE_GRACE.toMillis());
        }
      } catch (InterruptedException e) {
        // Finish killing the rest, then restore the flag for the caller.
        interrupted = true;
        p.kill();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One place in the pool: the process it runs now, if any, replaced after every fault. */
  private final class Slot {
    private CommandProcess process; // guarded by this

    synchronized CommandProcess current() {
      return process;
    }

    /** The running process, started if needed; never one after close (no process may leak). */
    synchronized CommandProcess running() throws IOException {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (process == null) {
        process = CommandProcess.start(config, config.name());
      }
      return process;
    }

    synchronized CommandProcess detach() {
      CommandProcess p = process;
      process = null;
      return p;
    }

    /** Kills {@code p} and forgets it, so the next call starts a fresh process. */
    void discard(CommandProcess p) {
      synchronized (this) {
        if (process == p) {
          process = null;
        }
      }
      p.kill();
    }

    Output call(Invocation invocation) throws SystemException, InterruptedException {
      String id = invocation.example().id();
      CommandProcess p;
      try {
        p = running();
      } catch (IllegalStateException e) {
        throw new SystemException("system '" + config.name() + "' is closed", false);
      } catch (IOException e) {
        throw new SystemException("cannot start command '" + config.name() + "': " + e.getMessage(), true, e);
      }
      CompletableFuture<String> future = p.exchange(CommandProtocol.request(invocation));
      String line;
      try {
        line = await(future, invocation.timeout());
      } catch (TimeoutException e) {
        discard(p);
        throw new SystemException("timeout after " + describe(invocation.timeout()) + " waiting for "
            + p.label() + " to answer '" + id + "'; the process was killed and will be restarted", true);
      } catch (InterruptedException e) {
        discard(p);
        throw e;
      }
      if (line == null) {
        String how;
        try {
          how = p.describeEnd();
        } finally {
          discard(p);
        }
        if (closed) {
          throw new SystemException("system '" + config.name() + "' was closed while answering '" + id + "'", false);
        }
        throw new SystemException(p.label() + " " + how + " while answering '" + id + "'; restarting it", true);
      }
      CommandProtocol.Answer answer;
      try {
        answer = CommandProtocol.answer(line, id);
      } catch (CommandProtocol.Violation v) {
        discard(p);
        throw new SystemException(p.label() + " " + v.getMessage() + "; restarting it", true);
      }
      if (answer.error() != null) {
        throw new SystemException(p.label() + " answered an error for '" + id + "': "
            + CommandProtocol.shown(answer.error()), false);
      }
      return answer.output();
    }
  }

  private static String await(CompletableFuture<String> future, Duration timeout)
      throws TimeoutException, InterruptedException {
    try {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        return future.get();
      }
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the I/O thread never fails a future", e);
    }
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
