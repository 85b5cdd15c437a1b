package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.SourceManifest;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;

/**
 * Each event waits as a marker of its own, so no marker can outlive its file's last event: when two
 * events for one key interleave and the older one's marker lands last, the writer folds the newer
 * event, removes both markers, and is done.
 */
class PendingMarkersTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  @Test
  void anOlderEventsMarkerLandingLastIsFoldedAwayWithTheNewerOne() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    SourceEvent older =
        ingest.put(
            "race/file.txt", Corpora.article("The first version mentions lemurs.", "Lemurs"));
    SourceEvent newer =
        ingest.put(
            "race/file.txt", Corpora.article("The second version mentions tapirs.", "Tapirs"));
    IngestService service = ingest.service();
    // The newer event's marker lands first, the older one's after it.
    ingest.recordWhileBusy(service, List.of(newer));
    ingest.recordWhileBusy(service, List.of(older));
    assertEquals(2, ingest.snapshot().markers().size());

    long started = System.nanoTime();
    service.writeIfFree(Deadline.after(Duration.ofSeconds(60)));
    long millis = (System.nanoTime() - started) / 1_000_000;

    IndexSnapshot snapshot = ingest.snapshot();
    assertTrue(snapshot.markers().isEmpty(), snapshot.markers().toString());
    SourceManifest m = snapshot.manifests().get("race/file.txt");
    assertEquals(org.newsindex.index.Sequencers.normalize(newer.sequencer()), m.sequencer());
    assertTrue(snapshot.documents().values().stream().anyMatch(d -> d.title().equals("Tapirs")));
    assertTrue(snapshot.documents().values().stream().noneMatch(d -> d.title().equals("Lemurs")));
    assertTrue(
        millis < 30_000, "the writer should be done, not spin until its deadline: " + millis);
    ingest.assertConsistent("");
  }

  @Test
  void anOlderEventDeliveredAfterTheNewerWasFoldedIsRemovedAsStale() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    SourceEvent older =
        ingest.put("late/file.txt", Corpora.article("Version one is about herons.", "Herons"));
    SourceEvent newer =
        ingest.put("late/file.txt", Corpora.article("Version two is about storks.", "Storks"));
    IngestService service = ingest.service();
    IsolatedIngest.handle(service, newer);
    assertEquals("stale", IsolatedIngest.handle(service, older).outcome().name().toLowerCase());
    assertTrue(ingest.snapshot().markers().isEmpty());
    ingest.assertConsistent("");
  }
}
