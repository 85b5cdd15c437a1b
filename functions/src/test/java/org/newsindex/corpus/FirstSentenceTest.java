package org.newsindex.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FirstSentenceTest {
  @Test
  void anAbbreviationDoesNotEndTheSentence() {
    assertEquals(
        "Mr. Smith met U.S. officials in St. Louis.",
        FirstSentence.of("Mr. Smith met U.S. officials in St. Louis. They talked."));
  }

  @Test
  void initialsAlternatingWithSupplementaryLettersDoNotOverflowTheStack() {
    String crafted = "a.𝐀.".repeat(20_000);
    String title =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> FirstSentence.of(crafted));
    assertTrue(title.length() <= FirstSentence.MAX_TITLE_CHARS + 1, title);
  }

  @Test
  void aParagraphOfAbbreviationsIsReadInLinearTime() {
    String crafted = "Mr. ".repeat(250_000) + "Smith.";
    String title =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> FirstSentence.of(crafted));
    assertTrue(title.startsWith("Mr. Mr."), title);
    assertTrue(title.endsWith("…"), title);
  }

  @Test
  void aLongSentenceIsCutAtAWordWithAnEllipsis() {
    String title = FirstSentence.of("word ".repeat(200) + "end.");
    assertTrue(title.length() <= FirstSentence.MAX_TITLE_CHARS + 1);
    assertTrue(title.endsWith("…"));
  }
}
