package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.core.Example;
import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SystemUnderTest} adapter must meet; an adapter's test class extends
 * this and implements the hooks.
 *
 * <p>What is checked:
 *
 * <ul>
 *   <li>every example of {@link #examples()} is answered with {@link #expectedOutput};
 *   <li>answers are identical when the system is called from {@value #THREADS} threads at once;
 *   <li>an example the system cannot answer ({@link #unanswerable()}) fails with a checked {@link
 *       SystemException}, never an unchecked exception, and does not spoil later calls;
 *   <li>{@link SystemUnderTest#close()} may be called twice and releases what {@link
 *       #releaseCheck} says the system holds;
 *   <li>a slow call ({@link #newSlowSystem()}) ends within {@value #PROMPT_SECONDS} s of the
 *       calling thread's interruption, with {@link InterruptedException} or a transient {@link
 *       SystemException}; in the second case the thread's interrupt flag must still be set, so
 *       the engine sees the interruption.
 * </ul>
 *
 * <p>Each test creates its own system and closes it.
 */
public abstract class SystemConformance {
  /** Threads calling the system at once in the thread-safety test. */
  protected static final int THREADS = 8;

  /** An interrupted call must end within this many seconds; a liveness bound, not a timing. */
  protected static final int PROMPT_SECONDS = 10;

  /** Seed of the call order shuffles in the thread-safety test. */
  private static final long SHUFFLE_SEED = 20240917L;

  /** A fresh system that answers every example of {@link #examples()}. */
  protected abstract SystemUnderTest newSystem() throws Exception;

  /** The text the system of {@link #newSystem()} must answer for {@code e} ({@link Output#text()}). */
  protected abstract String expectedOutput(Example e);

  /**
   * The examples the system is asked; by default {@link #standardExamples()}. Adapters that read
   * files (predictions) write them from this list.
   */
  protected List<Example> examples() {
    return standardExamples();
  }

  /** An example the system of {@link #newSystem()} cannot answer; empty skips that test. */
  protected Optional<Example> unanswerable() {
    return Optional.empty();
  }

  /**
   * A system whose calls block far longer than {@value #PROMPT_SECONDS} s (a minute, say) so the
   * interruption tests can interrupt them; empty skips those tests.
   */
  protected Optional<SystemUnderTest> newSlowSystem() throws Exception {
    return Optional.empty();
  }

  /**
   * Captures, on a system that has answered calls, the resources it holds, and returns a check
   * that asserts they were released; the check runs after {@code close()}. The default checks
   * nothing, for systems that hold nothing (files read into memory, in-process fakes).
   */
  protected Runnable releaseCheck(SystemUnderTest openSystem) {
    return () -> {};
  }

  /** The per-call timeout given to the system; generous, as the tests never time calls. */
  protected Duration callTimeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * The invocation of repeat 0 of {@code e}: its seed is a pure function of the id, so every
   * call of the same example carries the same seed.
   */
  protected Invocation invocation(Example e) {
    return new Invocation(e, 0, 31L * e.id().hashCode() + 17, callTimeout());
  }

  /**
   * Twenty text examples {@code ex-0}..{@code ex-19}, each with a reference. Inputs include
   * non-ASCII text, quotes, backslashes, a tab and a line break, so adapters that serialise
   * inputs are tested on escaping.
   */
  public static List<Example> standardExamples() {
    List<Example> list = new ArrayList<>();
    String[] special = {
      "naïve café, 東京, emoji \uD83D\uDE80",
      "quotes \"double\" and 'single' and a back\\slash",
      "a tab\tand a line\nbreak",
      "   leading and trailing spaces   ",
    };
    for (int i = 0; i < 20; i++) {
      String input = i < special.length ? special[i] : "question " + i + ": what is " + i + " + " + i + "?";
      list.add(Example.of("ex-" + i, input, "answer " + (2 * i)));
    }
    return List.copyOf(list);
  }

  @Test
  void answersEveryExampleWithTheExpectedOutput() throws Exception {
    try (SystemUnderTest system = newSystem()) {
      for (Example e : examples()) {
        Output out = system.call(invocation(e));
        assertThat(out).as("output for %s", e.id()).isNotNull();
        assertThat(out.text()).as("output for %s", e.id()).isEqualTo(expectedOutput(e));
      }
    }
  }

  @Test
  void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    List<Example> examples = examples();
    try (SystemUnderTest system = newSystem()) {
      Map<String, String> sequential = new LinkedHashMap<>();
      for (Example e : examples) {
        sequential.put(e.id(), system.call(invocation(e)).text());
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, String>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          // Each thread asks in its own seeded order, so threads collide on different examples.
          List<Example> order = new ArrayList<>(examples);
          Collections.shuffle(order, new Random(SHUFFLE_SEED + t));
          futures.add(pool.submit(() -> {
            start.await();
            Map<String, String> answers = new LinkedHashMap<>();
            for (int round = 0; round < 3; round++) {
              for (Example e : order) {
                String text = system.call(invocation(e)).text();
                String previous = answers.putIfAbsent(e.id(), text);
                if (previous != null && !previous.equals(text)) {
                  throw new AssertionError("two answers for " + e.id() + ": " + previous + " / " + text);
                }
              }
            }
            return answers;
          }));
        }
        start.countDown();
        for (int t = 0; t < THREADS; t++) {
          Map<String, String> answers = futures.get(t).get(5, TimeUnit.MINUTES);
          assertThat(answers)
              .as("answers of thread %d (shuffle seed %d)", t, SHUFFLE_SEED + t)
              .containsExactlyInAnyOrderEntriesOf(sequential);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void anUnanswerableExampleFailsWithACheckedSystemException() throws Exception {
    Optional<Example> bad = unanswerable();
    assumeTrue(bad.isPresent(), "this system declares no unanswerable example");
    try (SystemUnderTest system = newSystem()) {
      try {
        Output out = system.call(invocation(bad.get()));
        fail("expected a SystemException for %s but got output %s", bad.get().id(), out);
      } catch (SystemException expected) {
        assertThat(expected.getMessage()).as("message of the SystemException").isNotBlank();
      } catch (RuntimeException wrong) {
        throw new AssertionError("an unanswerable example must fail with SystemException, not " + wrong, wrong);
      }
      Example good = examples().get(0);
      assertThat(system.call(invocation(good)).text())
          .as("a failed call must not spoil the next one")
          .isEqualTo(expectedOutput(good));
    }
  }

  @Test
  void closeIsIdempotentAndReleasesResources() throws Exception {
    SystemUnderTest system = newSystem();
    Example e = examples().get(0);
    assertThat(system.call(invocation(e)).text()).isEqualTo(expectedOutput(e));
    Runnable released = releaseCheck(system);
    system.close();
    system.close();
    released.run();
  }

  @Test
  void aSystemThatWasNeverCalledClosesCleanly() throws Exception {
    SystemUnderTest system = newSystem();
    system.close();
    system.close();
  }

  @Test
  void aCallOnAnInterruptedThreadEndsPromptly() throws Exception {
    Optional<SystemUnderTest> slow = newSlowSystem();
    assumeTrue(slow.isPresent(), "this system declares no slow variant");
    try (SystemUnderTest system = slow.get()) {
      SlowCall call = SlowCall.start(system, invocation(examples().get(0)), true);
      assertInterruptedOutcome(call.outcome);
    }
  }

  @Test
  void interruptingASlowCallEndsItPromptly() throws Exception {
    Optional<SystemUnderTest> slow = newSlowSystem();
    assumeTrue(slow.isPresent(), "this system declares no slow variant");
    try (SystemUnderTest system = slow.get()) {
      SlowCall call = SlowCall.start(system, invocation(examples().get(0)), false);
      // Give the call time to block; if it has not yet entered call(), the interrupted-thread
      // case is tested instead, and the outcome must be the same.
      Thread.sleep(200);
      call.thread.interrupt();
      assertInterruptedOutcome(call.outcome);
    }
  }

  /** A call running on its own thread; the outcome is what it threw (null: it returned). */
  private record SlowCall(Thread thread, CompletableFuture<Throwable> outcome) {
    static SlowCall start(SystemUnderTest system, Invocation invocation, boolean interruptFirst) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        if (interruptFirst) {
          Thread.currentThread().interrupt();
        }
        try {
          system.call(invocation);
          outcome.complete(null);
        } catch (SystemException ex) {
          boolean flag = Thread.currentThread().isInterrupted();
          outcome.complete(flag ? ex : new AssertionError(
              "a SystemException after interruption must leave the interrupt flag set: " + ex, ex));
        } catch (Throwable ex) {
          outcome.complete(ex);
        }
      }, "conformance-slow-call");
      t.setDaemon(true);
      t.start();
      return new SlowCall(t, outcome);
    }
  }

  private static void assertInterruptedOutcome(Future<Throwable> outcome)
      throws InterruptedException, ExecutionException {
    Throwable thrown;
    try {
      thrown = outcome.get(PROMPT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the call did not end within " + PROMPT_SECONDS + " s of its interruption");
    }
    if (thrown instanceof AssertionError a) {
      throw a;
    }
    if (thrown == null) {
      fail("the interrupted call returned an output instead of ending with InterruptedException");
    }
    if (thrown instanceof SystemException se) {
      assertThat(se.isTransient()).as("an interrupted call's SystemException must be transient: %s", se).isTrue();
    } else {
      assertThat(thrown).as("what the interrupted call threw").isInstanceOf(InterruptedException.class);
    }
  }
}
