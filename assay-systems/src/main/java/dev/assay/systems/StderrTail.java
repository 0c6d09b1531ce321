package dev.assay.systems;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines a process wrote to stderr, bounded in count and length so a chatty process
 * cannot exhaust memory; the lines go into error messages. Thread-safe.
 */
final class StderrTail {
  private final int maxLines;
  private final int maxLineLength;
  private final Deque<String> lines = new ArrayDeque<>();

  StderrTail(int maxLines, int maxLineLength) {
    this.maxLines = maxLines;
    this.maxLineLength = maxLineLength;
  }

  synchronized void add(String line) {
    String cut = line.length() <= maxLineLength ? line : line.substring(0, maxLineLength) + "...";
    if (lines.size() == maxLines) {
      lines.removeFirst();
    }
    lines.addLast(cut);
  }

  /** {@code "; stderr: a | b"}, or {@code "; stderr was empty"}. */
  synchronized String describe() {
    return lines.isEmpty() ? "; stderr was empty" : "; stderr: " + String.join(" | ", lines);
  }
}
