package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every file's fate is readable over the API: ingested with counts, rejected with a reason, or
 * deleted.
 */
class SourceStatusTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  @BeforeAll
  static void start() {
    cloud.upload(
        "status/good.txt",
        Corpora.article("Bison herds return to the prairie.", "Bison Return", "Prairie Restored"));
    cloud.upload("status/bad.txt", new byte[] {0, 1, 2});
    cloud.upload("status/gone.txt", Corpora.article("This file will be deleted.", "Soon Deleted"));
    cloud.settle();
    cloud.delete("status/gone.txt");
    for (int i = 0; i < 5; i++) {
      cloud.upload(
          "status/page/" + i + ".txt",
          Corpora.article("Page file " + i + " about lynxes.", "Lynx " + i));
    }
    cloud.settle();
  }

  @Test
  void anIngestedFileShowsItsCountsETagAndWhenItWasProcessed() {
    JsonNode s = cloud.get("/sources/status/good.txt").body();
    assertEquals("ingested", s.get("status").asText());
    assertEquals(1, s.get("articles").asInt());
    assertEquals(2, s.get("headlines").asInt());
    assertEquals(32, s.get("etag").asText().length());
    assertTrue(s.get("processed_at").asText().startsWith("20"));
    assertFalse(s.has("reason"));
  }

  @Test
  void aRejectedFileShowsWhy() {
    JsonNode s = cloud.get("/sources/status/bad.txt").body();
    assertEquals("rejected", s.get("status").asText());
    assertTrue(s.get("reason").asText().contains("binary"), s.toString());
  }

  @Test
  void aDeletedFileIsRecordedAsDeleted() {
    JsonNode s = cloud.get("/sources/status/gone.txt").body();
    assertEquals("deleted", s.get("status").asText());
    assertEquals(0, s.get("articles").asInt());
  }

  @Test
  void anUnknownKeyIs404() {
    TestCloud.Answer a = cloud.get("/sources/status/never.txt");
    assertEquals(404, a.status());
    assertEquals("not_found", a.body().get("error").get("code").asText());
  }

  @Test
  void listingByPrefixPagesThroughEveryFileOnce() {
    List<String> keys = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          cloud
              .get(
                  "/sources?prefix=status/page/&limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .body();
      page.get("sources").forEach(s -> keys.add(s.get("key").asText()));
      cursor = page.has("next_cursor") ? page.get("next_cursor").asText() : null;
    } while (cursor != null);
    assertEquals(
        List.of(
            "status/page/0.txt",
            "status/page/1.txt",
            "status/page/2.txt",
            "status/page/3.txt",
            "status/page/4.txt"),
        keys);
  }
}
