package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNameTest {
  @Test
  void nameAndParametersInOrder() {
    MetricName m = MetricName.parse(" bleu:tokenize=intl:smooth=add-k:smooth_value=1 ");
    assertThat(m.text()).isEqualTo("bleu:tokenize=intl:smooth=add-k:smooth_value=1");
    assertThat(m.base()).isEqualTo("bleu");
    assertThat(m.params()).containsExactly(Map.entry("tokenize", "intl"), Map.entry("smooth", "add-k"),
        Map.entry("smooth_value", "1"));
    assertThat(MetricName.parse("exact_match").params()).isEmpty();
    assertThat(MetricName.baseOf("judge:base_url=http://x:1/v1")).isEqualTo("judge");
  }

  @Test
  void valuesMayContainColonsSoUrlsNeedNoEscaping() {
    MetricName m = MetricName.parse("judge:base_url=http://127.0.0.1:8000/v1:model=m-1:rubric=/tmp/r.txt");
    assertThat(m.params()).containsExactly(Map.entry("base_url", "http://127.0.0.1:8000/v1"),
        Map.entry("model", "m-1"), Map.entry("rubric", "/tmp/r.txt"));
  }

  @Test
  void malformedNamesAreInputErrorsNamingTheMetric() {
    assertThatThrownBy(() -> MetricName.parse(":k=v")).isInstanceOf(InputException.class)
        .hasMessageContaining("empty metric name");
    assertThatThrownBy(() -> MetricName.parse("bleu:intl")).isInstanceOf(InputException.class)
        .hasMessageContaining("malformed parameter 'intl' in metric 'bleu:intl'");
    assertThatThrownBy(() -> MetricName.parse("bleu:tokenize=")).isInstanceOf(InputException.class)
        .hasMessageContaining("malformed parameter 'tokenize='");
    assertThatThrownBy(() -> MetricName.parse("bleu:")).isInstanceOf(InputException.class)
        .hasMessageContaining("malformed parameter");
    assertThatThrownBy(() -> MetricName.parse("chrf:beta=2:beta=3")).isInstanceOf(InputException.class)
        .hasMessageContaining("parameter 'beta' given twice");
  }
}
