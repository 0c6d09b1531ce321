package dev.assay.core;

import java.util.List;

/**
 * One page of runs.
 *
 * @param runs the runs of the page, in the query's order
 * @param next where the next page starts, or null when this is the last page
 */
public record RunPage(List<RunRecord> runs, RunQuery.Position next) {
  public RunPage {
    runs = List.copyOf(runs);
  }

  /**
   * The page made of the first {@code limit} of {@code candidates} (which hold up to {@code limit
   * + 1} runs in order: one more tells whether a next page exists).
   */
  public static RunPage of(List<RunRecord> candidates, int limit) {
    if (candidates.size() <= limit) {
      return new RunPage(candidates, null);
    }
    List<RunRecord> page = candidates.subList(0, limit);
    return new RunPage(page, RunQuery.Position.of(page.get(limit - 1)));
  }
}
