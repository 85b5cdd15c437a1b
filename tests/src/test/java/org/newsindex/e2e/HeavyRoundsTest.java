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
import org.newsindex.index.IndexWriter;
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

    List<Integer> foldedPerInvocation = new ArrayList<>();
    for (int invocation = 0; invocation < 30; invocation++) {
      IndexWriter.Outcome o = service.writeIfFree(Deadline.after(Duration.ofSeconds(8)));
      foldedPerInvocation.add(o.folded());
      if (ingest.snapshot().pendingFiles().isEmpty()) {
        break;
      }
    }
    assertTrue(foldedPerInvocation.get(0) > 0, "the first invocation folded nothing");
    assertTrue(
        foldedPerInvocation.stream().allMatch(n -> n > 0),
        "an invocation made no progress: " + foldedPerInvocation);
    IndexSnapshot snapshot = ingest.snapshot();
    assertTrue(snapshot.pendingFiles().isEmpty(), "still waiting after " + foldedPerInvocation);
    for (SourceEvent e : events) {
      SourceManifest m = snapshot.manifests().get(e.key());
      assertEquals(SourceStatus.INGESTED, m.status());
      assertEquals(3_000, m.headlineIds().size());
    }
    ingest.assertConsistent("");
  }
}
