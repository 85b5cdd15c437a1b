package org.newsindex.local.s3;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out S3's {@code sequencer} values: fixed-width upper-case hex strings that increase with
 * every event, across restarts too (they start from the clock), so string order is event order.
 */
public final class Sequencer {
  private static final int CLOCK_SHIFT = 20;

  private final Clock clock;
  private final AtomicLong last = new AtomicLong();

  public Sequencer(Clock clock) {
    this.clock = clock;
  }

  public Sequencer() {
    this(Clock.systemUTC());
  }

  /** The next value: 18 hex digits, greater than every value returned before. */
  public String next() {
    long now = clock.millis() << CLOCK_SHIFT;
    long value = last.updateAndGet(previous -> Math.max(previous + 1, now));
    return String.format("%018X", value);
  }
}
