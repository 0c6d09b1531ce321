package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.NumberRange;
import java.math.BigDecimal;

/**
 * Checks numeric command-line options against their documented ranges ({@link
 * dev.assay.core.Limits}, docs/security.md) before a command does any work, so a typo such as
 * {@code --replicates 2000000000} is a usage error (exit 2) naming the option, its value and the
 * range, not an out-of-memory crash.
 */
final class OptionRanges {
  private OptionRanges() {}

  /** @throws InputException when {@code value} of {@code option} is outside {@code range} */
  static void check(String option, long value, NumberRange range) {
    if (!range.contains(value)) {
      throw InputException.of(option + " " + value + " is out of range", range.describe());
    }
  }

  /** @throws InputException when {@code value} of {@code option} is outside {@code range} or not finite */
  static void check(String option, double value, NumberRange range) {
    if (!range.contains(value)) {
      String shown = Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toString()
          : Double.toString(value);
      throw InputException.of(option + " " + shown + " is out of range", range.describe());
    }
  }
}
