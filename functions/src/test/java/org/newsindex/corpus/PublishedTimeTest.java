package org.newsindex.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishedTimeTest {
  private static final Instant STORED = Instant.parse("2026-12-01T10:15:30.250Z");

  private static Instant resolved(String metadata, String key) {
    return PublishedTime.resolve(Optional.ofNullable(metadata), key, STORED).published();
  }

  @Test
  void metadataWinsAndIsReadAsAnIsoDateOrInstant() {
    assertEquals(Instant.parse("2026-03-14T00:00:00Z"), resolved("2026-03-14", "2025/01/01/a"));
    assertEquals(Instant.parse("2026-03-14T08:30:00Z"), resolved("2026-03-14T08:30:00Z", "a"));
    assertEquals(Instant.parse("2026-03-14T06:30:00Z"), resolved("2026-03-14T08:30+02:00", "a"));
    assertEquals(Instant.parse("2026-03-14T08:30:15Z"), resolved("2026-03-14T08:30:15.9", "a"));
    assertEquals(Instant.parse("2026-03-14T08:30:00Z"), resolved(" 2026-03-14t08:30:00z ", "a"));
  }

  @Test
  void aKeyGivesItsFirstValidDateInAnyOfTheThreeShapes() {
    assertEquals(
        Instant.parse("2026-11-26T00:00:00Z"), resolved(null, "desk/2026/11/26/story.txt"));
    assertEquals(Instant.parse("2026-11-26T00:00:00Z"), resolved(null, "2026-11-26-story.txt"));
    assertEquals(Instant.parse("2026-11-26T00:00:00Z"), resolved(null, "wire/20261126_0042.txt"));
    assertEquals(
        Instant.parse("2024-02-29T00:00:00Z"), resolved(null, "x/2023/02/30/2024-02-29.txt"));
  }

  @Test
  void numbersThatAreNotDatesInAKeyAreIgnored() {
    Instant stored = Instant.parse("2026-12-01T10:15:30Z");
    assertEquals(stored, resolved(null, "ids/123456789/story.txt"));
    assertEquals(stored, resolved(null, "2026/1126/story.txt"));
    assertEquals(stored, resolved(null, "2026-11/26.txt"));
    assertEquals(stored, resolved(null, "17761126.txt"));
    assertEquals(stored, resolved(null, "2026-13-01.txt"));
  }

  @Test
  void withNoDateTheStoredTimeIsUsedToTheSecond() {
    assertEquals(Instant.parse("2026-12-01T10:15:30Z"), resolved(null, "story.txt"));
  }

  @Test
  void aBadMetadataValueIsAWarningAndTheNextSourceIsUsed() {
    PublishedTime.Resolved r =
        PublishedTime.resolve(Optional.of("last tuesday\u0007"), "2026/11/26/a.txt", STORED);
    assertEquals(Instant.parse("2026-11-26T00:00:00Z"), r.published());
    assertTrue(r.warning().orElseThrow().contains("'last tuesday\uFFFD'"), r.warning().get());
    assertTrue(r.warning().get().contains("the date in the key"), r.warning().get());

    r = PublishedTime.resolve(Optional.of("2026-02-30"), "a.txt", STORED);
    assertEquals(Instant.parse("2026-12-01T10:15:30Z"), r.published());
    assertTrue(r.warning().orElseThrow().contains("the upload time"), r.warning().get());
  }

  @Test
  void hostileMetadataIsRefusedWithoutParsingItWhole() {
    String longValue = "2026-03-14".repeat(1_000);
    PublishedTime.Resolved r = PublishedTime.resolve(Optional.of(longValue), "a.txt", STORED);
    assertTrue(r.warning().isPresent());
    assertTrue(r.warning().get().length() < 400, r.warning().get());
    assertEquals(Optional.empty(), PublishedTime.parse("+999999999-01-01T00:00:00Z"));
    assertEquals(Optional.empty(), PublishedTime.parse("0999-12-31"));
    assertEquals(Optional.empty(), PublishedTime.parse(""));
  }
}
