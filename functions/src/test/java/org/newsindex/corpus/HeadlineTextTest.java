package org.newsindex.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeadlineTextTest {
  @Test
  void typographicVariantsNormalizeToTheSameText() {
    assertEquals(
        HeadlineText.normalize("Trump’s  Plan — Out"),
        HeadlineText.normalize("trump's plan - out"));
  }
}
