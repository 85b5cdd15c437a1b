package org.newsindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NewsindexCommandTest {
  @Test
  void helpExitsWithZero() {
    assertEquals(0, NewsindexCommand.run("--help"));
    assertEquals(0, NewsindexCommand.run("invoke", "--help"));
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, NewsindexCommand.run("--no-such-option"));
  }

  @Test
  void scheduleSpeedupMustBeAPositiveNumber() {
    assertEquals(2, NewsindexCommand.run("--schedule-speedup", "0"));
    assertEquals(2, NewsindexCommand.run("local", "--schedule-speedup", "fast"));
  }

  @Test
  void invokeWithoutAnEventIsAUsageError() {
    assertEquals(2, NewsindexCommand.run("invoke", "QueryFunction"));
  }
}
