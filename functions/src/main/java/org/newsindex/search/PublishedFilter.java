package org.newsindex.search;

import java.time.Instant;
import java.util.Optional;

/**
 * The {@code from}/{@code to} filter on publication time: from inclusive, to exclusive, each
 * optional; {@code text} is the parameters as sent (the cursor's fingerprint holds them, so a page
 * of {@code from=now-7d} continues with the same expression).
 */
public record PublishedFilter(Optional<Instant> from, Optional<Instant> to, String text) {
  public static final PublishedFilter NONE =
      new PublishedFilter(Optional.empty(), Optional.empty(), "");

  public PublishedFilter {
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new BadQueryException(
          "from ("
              + from.get()
              + ") must be before to ("
              + to.get()
              + "): from is inclusive, to exclusive");
    }
  }

  /** The filter the parameters ask for, date math resolved against {@code now}. */
  public static PublishedFilter parse(Optional<String> from, Optional<String> to, Instant now) {
    if (from.isEmpty() && to.isEmpty()) {
      return NONE;
    }
    return new PublishedFilter(
        DateMath.parse("from", from, now),
        DateMath.parse("to", to, now),
        from.orElse("") + "\u0000" + to.orElse(""));
  }

  public boolean isEmpty() {
    return from.isEmpty() && to.isEmpty();
  }

  public boolean accepts(long publishedSeconds) {
    return from.map(f -> publishedSeconds >= f.getEpochSecond()).orElse(true)
        && to.map(t -> publishedSeconds < t.getEpochSecond()).orElse(true);
  }
}
