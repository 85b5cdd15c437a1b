package org.newsindex.search;

import java.util.List;
import java.util.Map;

/**
 * What a search's collection found: every candidate seen, the score of each that matches (a
 * listing's are 0), the matches in result order after the cursor, whether that is every match, and
 * whether the read budget stopped it.
 */
record Collected(
    Map<Long, Candidate> candidates,
    Map<Long, Float> scores,
    List<Long> ranked,
    boolean exact,
    boolean stoppedByBudget) {

  static Collected nothing() {
    return new Collected(Map.of(), Map.of(), List.of(), true, false);
  }
}
