package org.newsindex.index;

import java.time.Instant;
import java.util.Optional;

/**
 * How far a reindex of the bucket (under a prefix) has come: the listing's continuation, the last
 * key it covered, and how many objects it listed and how many changes it found, so a reindex cut
 * off (Ctrl-C, a crash, a function's timeout) resumes where it stopped.
 */
public record ReindexCheckpoint(
    String prefix,
    Optional<String> token,
    Optional<String> lastKey,
    long listed,
    long marked,
    Instant startedAt) {

  public static ReindexCheckpoint start(String prefix, Instant now) {
    return new ReindexCheckpoint(prefix, Optional.empty(), Optional.empty(), 0, 0, now);
  }
}
