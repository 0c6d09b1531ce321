package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.Invocation;
import dev.assay.core.ModelCaller;
import dev.assay.core.Seeds;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.time.Duration;
import java.util.Map;

/** Asking a judge model about one example: the one way every judge here calls its model. */
final class JudgeCall {
  private JudgeCall() {}

  /**
   * The judge's invocation for {@code example}: the rendered prompt as input, and a seed derived
   * from the example's id, so the same example gets the same seed (and cache key) in every run.
   */
  static Invocation invocation(Example example, String prompt, Duration timeout) {
    Example question = new Example(example.id(), TextNode.valueOf(prompt), null, Map.of(), null, 0);
    return new Invocation(question, 0, Seeds.invocation(0, example.id(), 0), timeout);
  }

  /**
   * The judge's answer as text, through the engine's {@code models} (cache, rate limit, retries).
   *
   * @param who names the judge in the message of a failure, e.g. {@code faithfulness judge}
   * @throws JudgeException "{@code who} failed: ..." when the call fails after its retries
   */
  static String ask(ModelCaller models, SystemUnderTest judge, String identity, Invocation invocation, String who)
      throws InterruptedException {
    try {
      return models.call(judge, identity, invocation).text();
    } catch (SystemException e) {
      throw new JudgeException(who + " failed: " + e.getMessage());
    }
  }
}
