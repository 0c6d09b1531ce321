package dev.assay.gate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An at_most / at_least rule's {@code interval: ppi} (docs/judges.md): the candidate's judged rate
 * is bounded by a prediction-powered interval from its judge scores and these human labels of some
 * of its answers, so the judge's errors widen the interval instead of biasing the verdict.
 *
 * @param method {@code ppi} or {@code ppi++}
 * @param labels the labels file as written
 * @param file {@code labels} resolved against the gate's folder
 */
public record PpiLabels(String method, String labels, Path file) {
  public PpiLabels {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(file, "file");
  }
}
