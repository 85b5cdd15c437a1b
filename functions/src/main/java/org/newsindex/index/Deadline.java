package org.newsindex.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment by which work must stop so the invocation can still fail cleanly and be retried. */
public record Deadline(Instant at, Clock clock) {

  public static Deadline after(Duration duration) {
    Clock clock = Clock.systemUTC();
    return new Deadline(clock.instant().plus(duration), clock);
  }

  public Duration remaining() {
    return Duration.between(clock.instant(), at);
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }
}
