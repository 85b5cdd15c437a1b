package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files crafted to break the writer, each uploaded in one round with plain files: the plain files
 * are searchable within seconds, the crafted one gets a status (and a reason if refused), nothing
 * holds up the others, no invocation fails, and the index keeps no key or item DynamoDB would
 * refuse (counted in UTF-8 bytes, as DynamoDB counts them, though the local DynamoDB counts
 * characters).
 */
class HostileFilesTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  private static int round;

  @AfterEach
  void nothingFailedAndTheIndexIsWithinDynamoDbsLimits() {
    assertTrue(cloud.cloud.failures().isEmpty(), cloud.cloud.failures().toString());
    cloud.assertConsistent();
  }

  /**
   * Uploads the crafted file with three plain ones at once; the plain ones must be searchable
   * within ten seconds of the uploads; returns the crafted file's status.
   */
  private static JsonNode inARoundWithPlainFiles(String key, String content) {
    round++;
    Map<String, String> plain = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      String word = "plainword" + (char) ('a' + round) + (char) ('a' + i);
      plain.put(
          "hostile/" + round + "/plain-" + i + ".txt",
          Corpora.article("An ordinary article mentions " + word + " once.", "Ordinary Headline"));
    }
    long started = System.nanoTime();
    cloud.upload(key, content);
    plain.forEach(cloud::upload);
    for (int i = 0; i < 3; i++) {
      String word = "plainword" + (char) ('a' + round) + (char) ('a' + i);
      cloud.awaitSearch(
          word, r -> r.get("total").get("value").asInt() == 1, Duration.ofSeconds(10));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis < 10_000, "the plain files took " + millis + " ms");
    cloud.settle();
    TestCloud.Answer status = cloud.get("/sources/" + TestCloud.encodePath(key));
    assertEquals(200, status.status(), status.body().toString());
    assertTrue(!status.body().get("status").asText().equals("pending"), status.body().toString());
    return status.body();
  }

  @Test
  void aHeadlineThatNormalizesPastASortKeyIsIndexedUnderABoundedKey() {
    // U+FDFA is one character that NFKC turns into eighteen: 60 of them are 1,080 characters.
    String headline = "\uFDFA".repeat(60);
    assertTrue(Normalizer.normalize(headline, Normalizer.Form.NFKC).length() > 1024);
    JsonNode s =
        inARoundWithPlainFiles(
            "hostile/fdfa.txt", Corpora.article("An article about a blessing.", headline));
    assertEquals("ingested", s.get("status").asText(), s.toString());
    JsonNode suggestions = cloud.get("/suggest?prefix=" + TestCloud.encode("صلى الله")).body();
    assertTrue(suggestions.get("suggestions").size() > 0, suggestions.toString());
  }

  @Test
  void cyrillicAndCjkHeadlinesOverAKilobyteInUtf8AreIndexed() {
    String cyrillic = "Ж".repeat(520);
    String cjk = "漢".repeat(350);
    JsonNode s =
        inARoundWithPlainFiles(
            "hostile/wide.txt", Corpora.article("Headlines in two scripts.", cyrillic, cjk));
    assertEquals("ingested", s.get("status").asText(), s.toString());
    assertEquals(2, s.get("headlines").asInt(), s.toString());
  }

  @Test
  void initialsAlternatingWithSupplementaryLettersGetAStatusWithinSeconds() {
    String firstLine = "a.𝐀.".repeat(20_000);
    JsonNode s =
        inARoundWithPlainFiles(
            "hostile/initials.txt", Corpora.article(firstLine, "Initials Everywhere"));
    assertEquals("ingested", s.get("status").asText(), s.toString());
  }

  @Test
  void aFirstLineOfAbbreviationsGetsAStatusWithinSeconds() {
    String firstLine = "Mr. ".repeat(40_000) + "Smith spoke.";
    JsonNode s =
        inARoundWithPlainFiles(
            "hostile/misters.txt", Corpora.article(firstLine, "Many Misters Speak"));
    assertEquals("ingested", s.get("status").asText(), s.toString());
  }

  @Test
  void aKeyOfMultiByteCharactersNearTheS3LimitIsIndexed() {
    // 340 three-byte characters: 1,020 bytes, within S3's 1,024 for a key.
    String key = "hostile/" + "鍵".repeat(337) + ".txt";
    JsonNode s =
        inARoundWithPlainFiles(key, Corpora.article("An article under a long key.", "Long Key"));
    assertEquals("ingested", s.get("status").asText(), s.toString());
  }
}
