package org.newsindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsindex.index.ListingKey;

class DateMathTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:34:56Z");

  private static Instant at(String value) {
    return DateMath.parse("from", value, NOW);
  }

  @Test
  void datesAndInstantsAreReadAsPublishedMetadataIs() {
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), at("2026-11-01"));
    assertEquals(Instant.parse("2026-11-01T06:00:00Z"), at("2026-11-01T08:00:00+02:00"));
  }

  @Test
  void dateMathStepsAndRoundsDownInUtc() {
    assertEquals(NOW, at("now"));
    assertEquals(Instant.parse("2026-11-24T12:34:56Z"), at("now-7d"));
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), at("now/d"));
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), at("now-7d/d"));
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), at("now-1M/M"));
    assertEquals(Instant.parse("2026-11-30T00:00:00Z"), at("now/w"));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), at("now/y"));
    assertEquals(Instant.parse("2026-12-01T13:29:00Z"), at("now+1h-5m/m"));
  }

  @Test
  void aBadTimeSaysWhatWasExpected() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> at("yesterday"));
    assertTrue(e.getMessage().contains("ISO 8601") && e.getMessage().contains("now-7d"));
    assertThrows(BadQueryException.class, () -> at("now-7x"));
    assertThrows(BadQueryException.class, () -> at("now/d-1d"));
    assertThrows(BadQueryException.class, () -> at("now-9999999d"));
    assertThrows(BadQueryException.class, () -> at("now" + "-1d".repeat(30)));
    assertThrows(
        BadQueryException.class,
        () -> PublishedFilter.parse(Optional.of("2026-12-01"), Optional.of("2026-11-01"), NOW));
  }

  @Test
  void theFilterIsInclusiveFromAndExclusiveTo() {
    PublishedFilter november =
        PublishedFilter.parse(Optional.of("2026-11-01"), Optional.of("2026-12-01"), NOW);
    assertTrue(november.accepts(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond()));
    assertTrue(november.accepts(Instant.parse("2026-11-30T23:59:59Z").getEpochSecond()));
    assertFalse(november.accepts(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond()));
    assertFalse(november.accepts(Instant.parse("2026-10-31T23:59:59Z").getEpochSecond()));
  }

  @Test
  void histogramBucketsStartAtUtcDaysMondaysAndFirstsOfMonths() {
    long t = Instant.parse("2026-11-26T18:00:00Z").getEpochSecond();
    assertEquals(Instant.parse("2026-11-26T00:00:00Z"), Histogram.DAY.start(t));
    assertEquals(Instant.parse("2026-11-23T00:00:00Z"), Histogram.WEEK.start(t));
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), Histogram.MONTH.start(t));
  }

  @Test
  void listingKeysOrderByPublicationThenOrdinal() {
    long a = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    assertTrue(ListingKey.of(a, 5) < ListingKey.of(a, 6));
    assertTrue(ListingKey.of(a, 999_999) < ListingKey.of(a + 1, 1));
    assertTrue(ListingKey.atOrAfter(a + 1) > ListingKey.of(a, 999_999));
    assertEquals(a, ListingKey.seconds(ListingKey.of(a, 42)));
    assertTrue(ListingKey.of(Long.MIN_VALUE / 2, 1) >= 0);
  }
}
