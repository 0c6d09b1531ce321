package dev.assay.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {
  @Test
  void redactsSecretShapes() {
    assertThat(Excerpt.redact("OPENAI_API_KEY=sk-proj-abcdefghijkl")).isEqualTo("OPENAI_API_KEY=[redacted]");
    assertThat(Excerpt.redact("DB_PASSWORD=hunter2")).isEqualTo("DB_PASSWORD=[redacted]");
    assertThat(Excerpt.redact("root:$6$salt$hash:19000:0:99999:7:::")).isEqualTo("root:[redacted]");
    assertThat(Excerpt.redact("token ghp_abcdefghij0123")).isEqualTo("token [redacted]");
    assertThat(Excerpt.redact("Authorization: Bearer abc")).isEqualTo("Authorization: [redacted]");
    assertThat(Excerpt.redact("x 9f86d081884c7d659a2feaa0c55ad015 y")).isEqualTo("x [redacted] y");
  }

  @Test
  void leavesOrdinaryTextAndUrls() {
    assertThat(Excerpt.redact("Capital of France?")).isEqualTo("Capital of France?");
    assertThat(Excerpt.redact("http://localhost:8000/v1")).isEqualTo("http://localhost:8000/v1");
    assertThat(Excerpt.redact("internationalization")).isEqualTo("internationalization");
  }

  @Test
  void cutsLongTextAfterRedacting() {
    assertThat(Excerpt.of("x".repeat(100))).isEqualTo("x".repeat(40) + "...");
    assertThat(Excerpt.of("y".repeat(30) + " KEY=" + "secretvalue".repeat(5))).doesNotContain("secret");
    assertThat(Excerpt.cut("ab😀cd", 3)).isEqualTo("ab😀...");
  }
}
