package dev.assay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Seeds;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A deterministic in-process system for tests and benchmarks (adapter type {@code fake}).
 *
 * <p>Invariants: the answer is a pure function of the example, the invocation seed (when {@link
 * Config#seedInOutput}) and the mode; whether an attempt fails is a pure function of (example id,
 * repeat, attempt number), where the attempt number counts this instance's calls for that (id,
 * repeat) from 0. A run that retries the same examples therefore fails and recovers in the same
 * places every time, whatever the thread count or call order. Thread-safe; with both failure
 * rates 0 and no latency a call takes no lock and allocates only its {@link Output}.
 *
 * <p>Failures: a permanent failure depends on (id, repeat) only and is checked first, so every
 * attempt of such an example fails the same way; a transient failure depends on the attempt too,
 * so a retry may succeed. {@link #failsPermanently} and {@link #failsTransiently} let tests
 * predict both.
 */
public final class FakeSystem implements SystemUnderTest {
  /** What the fake answers. */
  public enum Mode {
    /** The input text (the input node itself, so structured inputs stay structured). */
    ECHO,
    /** The input text in upper case (root locale). */
    UPPER,
    /** The example's reference; an example without one fails permanently. */
    REFERENCE,
    /** Always {@link FakeSystem#WRONG_ANSWER}. */
    WRONG;

    /** The name used in suites. */
    public String paramName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How the fake behaves.
   *
   * @param mode what it answers
   * @param latencyMs how long each call sleeps (interruptibly); also reported as the output's
   *     latency, so latency metrics of fake runs are reproducible
   * @param transientFailureRate probability in [0, 1] that an attempt fails transiently
   * @param permanentFailureRate probability in [0, 1] that an (id, repeat) fails permanently
   * @param seedInOutput append {@code " [seed S]"} to the answer text, to test that seeds reach
   *     the system unchanged
   */
  public record Config(
      Mode mode, long latencyMs, double transientFailureRate, double permanentFailureRate, boolean seedInOutput) {
    public Config {
      if (mode == null) {
        throw new IllegalArgumentException("mode is null");
      }
      if (latencyMs < 0) {
        throw new IllegalArgumentException("latencyMs < 0: " + latencyMs);
      }
      checkRate("transientFailureRate", transientFailureRate);
      checkRate("permanentFailureRate", permanentFailureRate);
    }

    /** Echo, no latency, no failures. */
    public static Config echo() {
      return new Config(Mode.ECHO, 0, 0, 0, false);
    }

    public Config withMode(Mode m) {
      return new Config(m, latencyMs, transientFailureRate, permanentFailureRate, seedInOutput);
    }

    public Config withLatencyMs(long ms) {
      return new Config(mode, ms, transientFailureRate, permanentFailureRate, seedInOutput);
    }

    public Config withFailureRates(double transientRate, double permanentRate) {
      return new Config(mode, latencyMs, transientRate, permanentRate, seedInOutput);
    }

    public Config withSeedInOutput(boolean on) {
      return new Config(mode, latencyMs, transientFailureRate, permanentFailureRate, on);
    }

    private static void checkRate(String name, double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException(name + " outside [0, 1]: " + rate);
      }
    }
  }

  /** The answer of {@link Mode#WRONG}. */
  public static final String WRONG_ANSWER = "assay fake: a deliberately wrong answer";

  private static final TextNode WRONG_NODE = TextNode.valueOf(WRONG_ANSWER);
  // Distinct salts keep the permanent and transient draws independent of each other.
  private static final long PERMANENT_SALT = 0x5DEECE66DL;
  private static final long TRANSIENT_SALT = 0x2545F4914F6CDD1DL;

  private final Config config;
  private final Double reportedLatency;
  /** Attempts per (id, repeat); null when no failure rate is set, to keep the hot path lock-free. */
  private final ConcurrentHashMap<AttemptKey, AtomicInteger> attempts;
  private final LongAdder calls = new LongAdder();
  private final LongAdder transientFailures = new LongAdder();
  private final LongAdder permanentFailures = new LongAdder();
  private volatile boolean closed;

  private record AttemptKey(String id, int repeat) {}

  public FakeSystem(Config config) {
    this.config = config;
    this.reportedLatency = config.latencyMs() > 0 ? (double) config.latencyMs() : null;
    boolean failing = config.transientFailureRate() > 0 || config.permanentFailureRate() > 0;
    this.attempts = failing ? new ConcurrentHashMap<>() : null;
  }

  /** An echo system without latency or failures. */
  public static FakeSystem echo() {
    return new FakeSystem(Config.echo());
  }

  public Config config() {
    return config;
  }

  /**
   * @throws IllegalStateException after {@link #close()}: calling a closed system is a bug of
   *     the caller, not a fault of the system
   */
  @Override
  public Output call(Invocation invocation) throws SystemException, InterruptedException {
    if (closed) {
      throw new IllegalStateException("the fake system is closed");
    }
    calls.increment();
    if (config.latencyMs() > 0) {
      Thread.sleep(config.latencyMs());
    } else if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Example example = invocation.example();
    if (attempts != null) {
      failIfDrawn(example.id(), invocation.repeat());
    }
    JsonNode value = answer(example);
    if (config.seedInOutput()) {
      String text = value.isTextual() ? value.textValue() : Json.canonical(value);
      value = TextNode.valueOf(text + " [seed " + invocation.seed() + "]");
    }
    return new Output(value, reportedLatency, null, null, null);
  }

  private void failIfDrawn(String id, int repeat) throws SystemException {
    int attempt = attempts.computeIfAbsent(new AttemptKey(id, repeat), k -> new AtomicInteger()).getAndIncrement();
    if (failsPermanently(id, repeat, config.permanentFailureRate())) {
      permanentFailures.increment();
      throw new SystemException("fake permanent failure for '" + id + "' repeat " + repeat, false);
    }
    if (failsTransiently(id, repeat, attempt, config.transientFailureRate())) {
      transientFailures.increment();
      throw new SystemException(
          "fake transient failure for '" + id + "' repeat " + repeat + " attempt " + attempt, true);
    }
  }

  private JsonNode answer(Example example) throws SystemException {
    return switch (config.mode()) {
      case ECHO -> example.input();
      case UPPER -> TextNode.valueOf(example.inputText().toUpperCase(Locale.ROOT));
      case REFERENCE -> reference(example);
      case WRONG -> WRONG_NODE;
    };
  }

  private static JsonNode reference(Example example) throws SystemException {
    if (example.reference() == null) {
      throw new SystemException("example '" + example.id() + "' has no reference to answer with", false);
    }
    return example.reference();
  }

  /** Whether every attempt of (id, repeat) fails permanently at this rate. */
  public static boolean failsPermanently(String id, int repeat, double rate) {
    return rate > 0 && Seeds.unit(Seeds.mix(Seeds.hash64(id) ^ Seeds.mix(repeat ^ PERMANENT_SALT))) < rate;
  }

  /** Whether attempt {@code attempt} (0-based) of (id, repeat) fails transiently at this rate. */
  public static boolean failsTransiently(String id, int repeat, int attempt, double rate) {
    long key = Seeds.mix(Seeds.hash64(id) ^ Seeds.mix(repeat ^ TRANSIENT_SALT)) ^ Seeds.mix(attempt + 0x9E3779B97F4A7C15L);
    return rate > 0 && Seeds.unit(Seeds.mix(key)) < rate;
  }

  /** Calls made so far, including failed ones and calls that slept. */
  public long calls() {
    return calls.sum();
  }

  public long transientFailures() {
    return transientFailures.sum();
  }

  public long permanentFailures() {
    return permanentFailures.sum();
  }

  /** Attempts made so far for (id, repeat); always 0 when no failure rate is set. */
  public int attempts(String id, int repeat) {
    if (attempts == null) {
      return 0;
    }
    AtomicInteger n = attempts.get(new AttemptKey(id, repeat));
    return n == null ? 0 : n.get();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Idempotent; later calls throw {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
  }



}
