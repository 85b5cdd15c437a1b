package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A file uploaded to the running local cloud goes through S3, its event and the ingest function,
 * and is searchable.
 */
class UploadedFileIsSearchableTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  @Test
  void anUploadIsSearchableWithinTwoSeconds() {
    cloud.upload(
        "reports/okapi.txt",
        "Okapi sightings rose sharply in the Ituri rainforest this season.\n"
            + "Rangers credit new patrols.\n\n\n"
            + "Okapi Numbers Rebound In Ituri\n"
            + "Rangers Expand Patrols\n");
    long started = System.nanoTime();
    JsonNode found =
        cloud.awaitSearch(
            "okapi", r -> r.get("total").get("value").asInt() == 2, Duration.ofSeconds(2));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis <= 2000, "took " + millis + " ms");
    assertEquals("reports/okapi.txt", found.get("results").get(0).get("sources").get(0).asText());
    TestCloud.Answer status = cloud.get("/sources/reports/okapi.txt");
    assertEquals("ingested", status.body().get("status").asText(), status.body().toString());
    assertEquals(1, status.body().get("articles").asInt());
    assertEquals(2, status.body().get("headlines").asInt());
  }
}
