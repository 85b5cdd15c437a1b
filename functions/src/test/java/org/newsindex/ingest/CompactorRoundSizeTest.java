package org.newsindex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompactorRoundSizeTest {
  @Test
  void aFirstRoundIsModestAndLaterRoundsFitAThirdOfTheTimeLeft() {
    assertEquals(64, Compactor.roundSize(0, Duration.ofSeconds(100)));
    assertEquals(333, Compactor.roundSize(0.1, Duration.ofSeconds(100)));
    assertEquals(
        1000, Compactor.roundSize(0.001, Duration.ofSeconds(100)), "never more than the cap");
    assertEquals(8, Compactor.roundSize(5, Duration.ofSeconds(10)), "never fewer than a few files");
  }
}
