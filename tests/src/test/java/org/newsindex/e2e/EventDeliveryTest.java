package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.local.lambda.InvocationRecord;
import org.newsindex.local.lambda.InvocationResult;

/**
 * S3 delivers events at least once and in any order, files are overwritten and deleted, many arrive
 * at once: through the local cloud's real S3 events and ingest function, the index stays exact.
 */
class EventDeliveryTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  private static IndexContent content() {
    return IndexContent.of(IndexSnapshot.load(cloud.dynamoDb, cloud.cloud.table()));
  }

  /** The event JSON the ingest function last received for the key. */
  private static String lastEventFor(String key) {
    List<InvocationRecord> records = cloud.cloud.invocations();
    for (int i = records.size() - 1; i >= 0; i--) {
      InvocationRecord r = records.get(i);
      if (r.functionLogicalId().equals("IngestFunction")
          && r.eventJson().contains("\"" + key + "\"")) {
        return r.eventJson();
      }
    }
    throw new AssertionError("no event for " + key);
  }

  private static JsonNode deliver(String eventJson) {
    InvocationResult result = cloud.cloud.invoke("IngestFunction", eventJson);
    assertTrue(result.succeeded(), result.toString());
    try {
      return TestCloud.JSON.readTree(TestCloud.JSON.readTree(result.response()).asText());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSameEventDeliveredTwiceLeavesTheIndexAsOneDeliveryDid() {
    cloud.upload(
        "dup/file.txt",
        Corpora.article(
            "Wildfires spread across the southern hills overnight.",
            "Wildfires Spread Across Southern Hills",
            "Evacuations Ordered In Three Towns"));
    cloud.settle();
    IndexContent once = content();
    JsonNode second = deliver(lastEventFor("dup/file.txt"));
    assertEquals(
        "duplicate", second.get("records").get(0).get("outcome").asText(), second.toString());
    assertEquals(once, content());
    cloud.assertConsistent();
  }

  @Test
  void anUnchangedReuploadIsRecognisedWithoutReindexing() {
    String text =
        Corpora.article(
            "The central bank held interest rates steady on Thursday.", "Central Bank Holds Rates");
    cloud.upload("same/file.txt", text);
    cloud.settle();
    IndexContent before = content();
    cloud.upload("same/file.txt", text);
    cloud.settle();
    JsonNode again = deliver(lastEventFor("same/file.txt"));
    assertEquals("duplicate", again.get("records").get(0).get("outcome").asText());
    assertTrue(
        cloud.cloud.invocations().stream()
            .anyMatch(
                r ->
                    r.eventJson().contains("same/file.txt")
                        && r.result().response().contains("unchanged")),
        "the second upload should be recognised as unchanged");
    assertEquals(before.documents(), content().documents());
    assertEquals(before.postings(), content().postings());
  }

  /**
   * An overwrite that keeps some of the file's headlines (and its publication time) still records
   * them in its manifest: a search filtered to the file finds them.
   */
  @Test
  void anOverwriteKeepingSomeHeadlinesStillListsThemForTheFile() {
    cloud.upload(
        "keep/file.txt",
        Corpora.article(
            "Version one on the lighthouse keepers.",
            "Lighthouse Keepers Walk Out",
            "Beacons Dim"));
    cloud.settle();
    cloud.upload(
        "keep/file.txt",
        Corpora.article(
            "Version two on the lighthouse keepers.", "Lighthouse Keepers Walk Out", "Fog Horns"));
    cloud.settle();
    cloud.assertConsistent();
    JsonNode kept = cloud.search("lighthouse keepers walk", "source=keep/file.txt&kind=headline");
    assertEquals(1, kept.get("total").get("value").asInt(), kept.toString());
    assertEquals(
        0,
        cloud.search("beacons", "source=keep/file.txt").get("total").get("value").asInt(),
        "the dropped headline is no longer the file's");
  }

  @Test
  void anOlderEventArrivingAfterANewerOneChangesNothing() {
    cloud.upload(
        "order/file.txt",
        Corpora.article("Version one talks about glaciers melting.", "Glaciers Melt Faster"));
    cloud.settle();
    String older = lastEventFor("order/file.txt");
    cloud.upload(
        "order/file.txt",
        Corpora.article("Version two talks about volcanoes erupting.", "Volcano Erupts Again"));
    cloud.settle();
    IndexContent newest = content();
    JsonNode stale = deliver(older);
    assertEquals("stale", stale.get("records").get(0).get("outcome").asText(), stale.toString());
    assertEquals(newest, content());
    assertEquals(0, cloud.search("glaciers").get("total").get("value").asInt());
    assertEquals(2, cloud.search("volcano").get("total").get("value").asInt());
    cloud.assertConsistent();
  }

  @Test
  void anOverwriteReplacesTheArticleAndItsShareOfSharedHeadlines() {
    cloud.upload(
        "over/a.txt",
        Corpora.article(
            "The old article describes a harbour strike.",
            "Dockers Strike At The Harbour",
            "Only In The Old Version"));
    cloud.upload(
        "over/b.txt",
        Corpora.article("Another file lists the same story.", "Dockers Strike At The Harbour"));
    cloud.settle();
    cloud.upload(
        "over/a.txt",
        Corpora.article("The new article describes a marathon record.", "Marathon Record Broken"));
    cloud.settle();
    assertEquals(
        0, cloud.search("harbour strike", "kind=article").get("total").get("value").asInt());
    assertEquals(0, cloud.search("\"only in the old version\"").get("total").get("value").asInt());
    JsonNode shared = cloud.search("\"dockers strike at the harbour\"").get("results");
    assertEquals(1, shared.size());
    assertEquals("[\"over/b.txt\"]", shared.get(0).get("sources").toString());
    assertEquals(1, cloud.search("marathon", "kind=article").get("total").get("value").asInt());
    cloud.assertConsistent();
  }

  @Test
  void aDeleteRemovesWhatCameOnlyFromThatFile() {
    cloud.upload(
        "del/a.txt",
        Corpora.article(
            "Solar farms expand in the desert region.",
            "Solar Farms Expand",
            "Grid Upgrade Approved"));
    cloud.upload(
        "del/b.txt", Corpora.article("Engineers approve a grid upgrade.", "Grid Upgrade Approved"));
    cloud.settle();
    cloud.delete("del/a.txt");
    cloud.settle();
    assertEquals(0, cloud.search("solar").get("total").get("value").asInt());
    JsonNode grid = cloud.search("\"grid upgrade approved\"").get("results");
    assertEquals("[\"del/b.txt\"]", grid.get(0).get("sources").toString());
    assertEquals("deleted", cloud.get("/sources/del/a.txt").body().get("status").asText());
    cloud.assertConsistent();
  }

  @Test
  void manyFilesSharingHeadlinesIngestedAtOnceLeaveExactSourceLists() throws Exception {
    List<String> shared =
        List.of(
            "Summit Ends Without Deal",
            "Oil Prices Climb Again",
            "Storm Closes Airports",
            "Election Results Delayed",
            "Vaccine Trial Succeeds");
    Map<String, Set<String>> expected = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<?>> uploads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      List<String> headlines = new ArrayList<>();
      for (int h = 0; h < shared.size(); h++) {
        if ((i + h) % 3 != 0) {
          headlines.add(shared.get(h));
          expected.computeIfAbsent(shared.get(h), k -> new TreeSet<>()).add("many/" + i + ".txt");
        }
      }
      headlines.add("Unique Story Number " + i);
      String key = "many/" + i + ".txt";
      String body =
          Corpora.article(
              "Article number " + i + " covers the summit and the storm.",
              headlines.toArray(String[]::new));
      uploads.add(pool.submit(() -> cloud.upload(key, body)));
    }
    for (Future<?> f : uploads) {
      f.get();
    }
    pool.shutdown();
    cloud.settle();
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      JsonNode hit = cloud.search("\"" + e.getKey() + "\"").get("results").get(0);
      Set<String> sources = new TreeSet<>();
      hit.get("sources").forEach(s -> sources.add(s.asText()));
      assertEquals(e.getValue(), sources, e.getKey());
    }
    assertTrue(cloud.cloud.failures().isEmpty(), cloud.cloud.failures().toString());
    cloud.assertConsistent();
  }
}
