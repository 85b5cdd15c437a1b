package org.newsindex.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** The buckets of the publication-time facet: UTC days, ISO weeks (from Monday), or months. */
public enum Histogram {
  DAY,
  WEEK,
  MONTH;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Histogram> parse(String label) {
    for (Histogram h : values()) {
      if (h.label().equals(label)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /** The start of the bucket holding this second. */
  public Instant start(long seconds) {
    ZonedDateTime day =
        Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    return switch (this) {
      case DAY -> day.toInstant();
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
      case MONTH -> day.withDayOfMonth(1).toInstant();
    };
  }
}
