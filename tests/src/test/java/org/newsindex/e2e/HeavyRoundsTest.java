package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;

/**
 * Rounds are sized by the work in them, not by a count of files: a backlog of files of thousands of
 * headlines each, folded by invocations too short to take them all, makes progress with every
 * invocation from the first (no round is retried forever for want of time) and ends fully indexed.
 */
class HeavyRoundsTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  @Test
  void invocationsTooShortForTheWholeBacklogEachFoldPartOfItUntilNothingWaits() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    List<SourceEvent> events = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      StringBuilder text =
          new StringBuilder("An index of stories number ").append(f).append(".\n\n\n");
      for (int h = 0; h < 3_000; h++) {
        text.append("Story ").append(f).append(" Item ").append(h).append(" Reported Today\n");
      }
      events.add(ingest.put("heavy/f" + f + ".txt", text.toString()));
    }
    IngestService service = ingest.service();
    ingest.recordWhileBusy(service, events);

    // Each invocation as Lambda runs one: eight seconds, and one that runs out of time fails (its
    // round is finished, in parts if need be, by the next).
    List<Integer> waitingAfter = new ArrayList<>();
    int waiting = events.size();
    for (int invocation = 0; invocation < 30 && waiting > 0; invocation++) {
      try {
        service.writeIfFree(Deadline.after(Duration.ofSeconds(8)));
      } catch (RuntimeException outOfTime) {
        // the invocation fails; Lambda retries it
      }
      waiting = ingest.snapshot().pendingFiles().size();
      waitingAfter.add(waiting);
    }
    for (int i = 2; i < waitingAfter.size(); i++) {
      assertTrue(
          waitingAfter.get(i) < waitingAfter.get(i - 2),
          "two invocations in a row made no progress: files waiting after each " + waitingAfter);
    }
    IndexSnapshot snapshot = ingest.snapshot();
    assertTrue(snapshot.pendingFiles().isEmpty(), "still waiting after " + waitingAfter);
    for (SourceEvent e : events) {
      SourceManifest m = snapshot.manifests().get(e.key());
      assertEquals(SourceStatus.INGESTED, m.status());
      assertEquals(3_000, m.headlineIds().size());
    }
    ingest.assertConsistent("");
  }
}
