package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A story's publication time, set through S3 as a user sets it: the object's {@code published}
 * metadata, else a date in its key, else when S3 stored it; a headline's is the earliest of the
 * files that list it, and overwrites, metadata-only copies and deletes keep it right.
 */
class PublicationTimeTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  private static JsonNode onlyHit(String q) {
    JsonNode hits = cloud.search(q).get("results");
    assertEquals(1, hits.size(), q + ": " + hits);
    return hits.get(0);
  }

  private static String published(String q) {
    return onlyHit(q).get("published").asText();
  }

  @Test
  void metadataSetsTheStorysPublicationTimeAsAnInstantOrADate() {
    cloud.upload(
        "meta/one.txt",
        Corpora.article("Walruses haul out on the quartzite beach."),
        Map.of("published", "2026-03-04T05:06:07+02:00"));
    cloud.upload(
        "meta/two.txt",
        Corpora.article("Narwhals surface beside the icebreaker."),
        Map.of("published", "2025-12-24"));
    cloud.settle();
    assertEquals("2026-03-04T03:06:07Z", published("quartzite"));
    assertEquals("2025-12-24T00:00:00Z", published("icebreaker"));
    JsonNode source = cloud.get("/sources/meta/one.txt").body();
    assertEquals("2026-03-04T03:06:07Z", source.get("published").asText());
    cloud.assertConsistent();
  }

  @Test
  void aDateInTheKeyIsUsedWithoutMetadataInEachWrittenForm() {
    cloud.upload("dated/2024/02/29/leap.txt", Corpora.article("Axolotls regrow a limb."));
    cloud.upload("dated/2023-07-01-summer.txt", Corpora.article("Pangolins roll into a ball."));
    cloud.upload("dated/wire-20221111-late.txt", Corpora.article("Tapirs wade across a river."));
    cloud.settle();
    assertEquals("2024-02-29T00:00:00Z", published("axolotls"));
    assertEquals("2023-07-01T00:00:00Z", published("pangolins"));
    assertEquals("2022-11-11T00:00:00Z", published("tapirs"));
  }

  @Test
  void withoutMetadataOrAKeyDateTheStoryIsPublishedWhenS3StoredIt() {
    cloud.upload("plain/stored.txt", Corpora.article("Okapis browse in the rainforest."));
    cloud.settle();
    Instant stored = cloud.lastModified("plain/stored.txt").truncatedTo(ChronoUnit.SECONDS);
    assertEquals(stored.toString(), published("okapis"));
  }

  @Test
  void anOverwriteWithoutADateKeepsTheTimeTheStoryWasFirstStored() {
    cloud.upload("plain/kept.txt", Corpora.article("Ibexes climb the dam wall."));
    cloud.settle();
    String first = published("ibexes");
    TestCloud.sleep(1_100);
    cloud.upload("plain/kept.txt", Corpora.article("Ibexes climb the dam wall again."));
    cloud.settle();
    assertEquals(first, published("ibexes"));
  }

  @Test
  void invalidMetadataIsAWarningAndTheFileIsStillIndexed() {
    cloud.upload(
        "bad/2021/05/06/meta.txt",
        Corpora.article("Quokkas smile for the camera."),
        Map.of("published", "last tuesday"));
    cloud.settle();
    assertEquals("2021-05-06T00:00:00Z", published("quokkas"));
    JsonNode source = cloud.get("/sources/bad/2021/05/06/meta.txt").body();
    assertEquals("ingested", source.get("status").asText());
    assertTrue(source.get("warnings").toString().contains("last tuesday"), source.toString());
  }

  @Test
  void aHeadlineIsPublishedWhenItsEarliestListingFileWasAndMovesWhenThatFileGoes() {
    String headline = "Flamingos Flock To The Salt Flats";
    cloud.upload(
        "shared/a.txt",
        Corpora.article("Storks nest on chimneys.", headline),
        Map.of("published", "2026-06-01"));
    cloud.upload(
        "shared/b.txt",
        Corpora.article("Herons fish at dawn.", headline),
        Map.of("published", "2026-01-15"));
    cloud.upload(
        "shared/c.txt",
        Corpora.article("Cranes dance in the marsh.", headline),
        Map.of("published", "2026-04-20"));
    cloud.settle();
    assertEquals("2026-01-15T00:00:00Z", published("flamingos"));

    cloud.delete("shared/b.txt");
    cloud.settle();
    assertEquals("2026-04-20T00:00:00Z", published("flamingos"));

    cloud.upload(
        "shared/a.txt",
        Corpora.article("Storks nest on chimneys.", headline),
        Map.of("published", "2025-09-09"));
    cloud.settle();
    assertEquals("2025-09-09T00:00:00Z", published("flamingos"));
    assertEquals("2025-09-09T00:00:00Z", published("storks"));
    cloud.assertConsistent();
  }

  @Test
  void copyingAnObjectOntoItselfWithNewMetadataReDatesItsStories() {
    cloud.upload(
        "copy/story.txt",
        Corpora.article("Manatees graze in the warm spring.", "Manatee Census Complete"),
        Map.of("published", "2020-02-02"));
    cloud.settle();
    assertEquals("2020-02-02T00:00:00Z", published("graze"));

    cloud.replaceMetadata("copy/story.txt", Map.of("published", "2020-08-08T12:00:00Z"));
    cloud.settle();
    assertEquals("2020-08-08T12:00:00Z", published("graze"));
    assertEquals("2020-08-08T12:00:00Z", published("census"));
    cloud.assertConsistent();
  }
}
