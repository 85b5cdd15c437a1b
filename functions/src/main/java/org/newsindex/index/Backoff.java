package org.newsindex.index;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, as AWS recommends for throttled and unprocessed requests.
 */
public record Backoff(Duration base, Duration cap) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(25), Duration.ofSeconds(2));

  /** How long to wait before the given attempt (1 = the first retry). */
  public Duration delay(int attempt) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** Sleeps for the attempt's delay, but never past the deadline. */
  public void pause(int attempt, Deadline deadline) {
    long millis = Math.min(delay(attempt).toMillis(), Math.max(0, deadline.remaining().toMillis()));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexWriteException("interrupted while backing off", e);
    }
  }
}
