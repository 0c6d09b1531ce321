package dev.assay.metrics.classification;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The order of class labels, which fixes column order, the default positive class and the
 * tie-break of an arg-max.
 *
 * <p>Rule: when every label is a decimal number the labels are ordered numerically (as
 * scikit-learn orders integer labels); otherwise by Unicode code point (as {@code numpy.unique}
 * orders strings). The positive class of a binary task is, by default, the last label in this
 * order (scikit-learn's {@code classes_[1]}).
 */
public final class LabelOrder {
  private LabelOrder() {}

  /** The distinct labels of {@code labels}, sorted by the rule above. */
  public static List<String> sorted(Collection<String> labels) {
    TreeSet<String> distinct = new TreeSet<>(LabelOrder::compareCodePoints);
    distinct.addAll(labels);
    List<String> out = new ArrayList<>(distinct);
    if (out.stream().allMatch(LabelOrder::isNumber)) {
      out.sort(Comparator.comparing(BigDecimal::new));
    }
    return out;
  }

  /**
   * The canonical text of a numeric label: {@code 1.0} and {@code 1} are both {@code "1"}. Only
   * called for JSON numbers; strings are kept as written.
   */
  public static String canonicalNumber(BigDecimal value) {
    BigDecimal d = value.stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
