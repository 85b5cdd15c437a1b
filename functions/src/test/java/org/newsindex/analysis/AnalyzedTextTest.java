package org.newsindex.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzedTextTest {
  private static Token token(String term, String surface, int position) {
    return new Token(term, surface, position, 0, 0);
  }

  @Test
  void aTermKeepsEveryPositionInOrderAndTheLengthCountsEveryToken() {
    AnalyzedText a =
        AnalyzedText.of(
            List.of(
                token("run", "run", 0),
                token("fast", "fast", 1),
                token("run", "run", 3),
                token("run", "run", 4),
                token("run", "run", 7)));
    assertEquals(5, a.length());
    assertEquals(List.of("run", "fast"), List.copyOf(a.terms().keySet()));
    assertArrayEquals(new int[] {0, 3, 4, 7}, a.terms().get("run").positions());
    assertEquals(4, a.terms().get("run").frequency());
  }

  @Test
  void theSurfaceKeptIsTheMostFrequentFormEvenWhenItComesLater() {
    AnalyzedText a =
        AnalyzedText.of(
            List.of(
                token("run", "running", 0),
                token("run", "runs", 1),
                token("run", "runs", 2),
                token("run", "running", 3),
                token("run", "runs", 4)));
    assertEquals("runs", a.terms().get("run").surface());
  }

  @Test
  void formsTiedInCountKeepTheAlphabeticallyFirst() {
    AnalyzedText a =
        AnalyzedText.of(
            List.of(token("run", "runs", 0), token("run", "running", 1), token("run", "run", 2)));
    assertEquals("run", a.terms().get("run").surface());
    AnalyzedText b = AnalyzedText.of(List.of(token("cat", "cats", 0), token("cat", "cat", 1)));
    assertEquals("cat", b.terms().get("cat").surface());
  }
}
