package dev.assay.core;

import java.time.Duration;

/**
 * One call of a system: an example, which repeat of it, and the seed the system should use.
 *
 * @param example the example to answer
 * @param repeat 0-based repeat index (suites with {@code repeats: k} call each example k times)
 * @param seed derived from the suite seed, the example id and the repeat, so it is the same
 *     whatever the order or concurrency of the run
 * @param timeout the per-example timeout; adapters that block on I/O should honour it
 */
public record Invocation(Example example, int repeat, long seed, Duration timeout) {}
