package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencerTest {
  @Test
  void valuesAreFixedWidthUpperCaseHexThatIncreaseEvenWhenTheClockStands() {
    Sequencer sequencer =
        new Sequencer(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      values.add(sequencer.next());
    }

    for (int i = 1; i < values.size(); i++) {
      assertTrue(values.get(i).matches("[0-9A-F]{18}"), values.get(i));
      assertTrue(
          values.get(i).compareTo(values.get(i - 1)) > 0,
          values.get(i - 1) + " then " + values.get(i));
    }
  }

  @Test
  void clockGoingBackwardsNeverLowersTheValue() {
    MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:10Z"));
    Sequencer sequencer = new Sequencer(clock);
    String before = sequencer.next();

    clock.now = Instant.parse("2026-01-01T00:00:00Z");
    String after = sequencer.next();

    assertTrue(after.compareTo(before) > 0);
    assertEquals(before.length(), after.length());
  }

  @Test
  void laterRestartStartsAboveEarlierValues() {
    String first =
        new Sequencer(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
    String restarted =
        new Sequencer(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC)).next();

    assertTrue(restarted.compareTo(first) > 0);
  }

  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
