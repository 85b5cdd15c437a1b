package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.Deadline;
import org.newsindex.index.PostingListEditor;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;

/**
 * An ingest that dies part-way (faults injected between the SDK and DynamoDB: after some requests,
 * batch writes included, every request fails) and is retried ends in exactly the state of a clean
 * run: same documents, postings, statistics and file records, and the consistency check finds no
 * drift. Every point of the scenario at which it can die is tried.
 */
class CrashAndRetryTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  private static final String FIRST =
      Corpora.article(
          "Lavrov and Rubio discussed the war in Ukraine by phone.",
          "Ukraine Talks Resume In Istanbul",
          "Markets Rally As Inflation Cools",
          "Shared Headline About Peace Talks");
  private static final String SECOND =
      Corpora.article(
          "A brand new article about zebras in Kenya and their census.",
          "Zebra Census Completed",
          "Shared Headline About Peace Talks");

  /** The scenario: two files sharing a headline, then the first overwritten. */
  private static void scenario(IngestService service, List<SourceEvent> events) {
    for (SourceEvent e : events) {
      IsolatedIngest.handle(service, e);
    }
  }

  private static List<SourceEvent> events(IsolatedIngest ingest) {
    SourceEvent a = ingest.put("a.txt", FIRST);
    SourceEvent b =
        ingest.put(
            "b.txt",
            Corpora.article(
                "Another article on peace talks.", "Shared Headline About Peace Talks"));
    SourceEvent a2 = ingest.put("a.txt", SECOND);
    return List.of(a, b, a2);
  }

  @Test
  void aCrashAtAnyRequestThenARetryEqualsACleanRun() {
    crashAtEveryRequest(
        CrashAndRetryTest::events,
        PostingListEditor.MAX_CHUNK_BYTES,
        5,
        1,
        FaultInjector::crashAfter,
        1);
  }

  /**
   * Lists of chunks tiny enough that every file splits some, folded a file a round: a crash between
   * a round's chunk writes and the directories that list them (or the removal of the chunks they
   * replace) loses no posting and leaves no chunk unlisted.
   */
  @Test
  void aCrashWhileChunksSplitThenARetryLosesNoPosting() {
    crashAtEveryRequest(CrashAndRetryTest::splittingEvents, 40, 8, 3, FaultInjector::crashAfter, 1);
  }

  /**
   * The same, with the crashing request applied by DynamoDB and only its response lost, as when a
   * deadline cuts off a request already sent: the retry cannot know what landed (every third
   * request, to keep the suite's time).
   */
  @Test
  void aResponseLostWhileChunksSplitThenARetryLosesNoPosting() {
    crashAtEveryRequest(
        CrashAndRetryTest::splittingEvents, 40, 8, 3, FaultInjector::responseLostAfter, 3);
  }

  private static List<SourceEvent> splittingEvents(IsolatedIngest ingest) {
    List<SourceEvent> events = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      events.add(
          ingest.put(
              "split/" + i + ".txt",
              Corpora.article(
                  "Peace talks in Geneva, day "
                      + i
                      + ": the delegates talk about peace, the ceasefire and talks to come.",
                  "Peace Talks Day " + i)));
    }
    events.add(ingest.put("split/0.txt", Corpora.article("Peace talks end.", "Talks End")));
    return events;
  }

  private static void crashAtEveryRequest(
      java.util.function.Function<IsolatedIngest, List<SourceEvent>> scenarioEvents,
      int chunkBytes,
      int leastBatchWrites,
      int mostChunks,
      java.util.function.IntFunction<FaultInjector> fault,
      int step) {
    IsolatedIngest clean = new IsolatedIngest(cloud);
    FaultInjector counter = FaultInjector.crashAfter(Integer.MAX_VALUE);
    IngestService counting =
        clean.service(Optional.of(counter), Duration.ofSeconds(30), chunkBytes);
    List<SourceEvent> cleanEvents = scenarioEvents.apply(clean);
    scenario(counting, cleanEvents);
    int totalRequests = counter.requests();
    IndexContent expected = clean.content();
    clean.assertConsistent("");
    int chunks =
        clean.snapshot().directories().values().stream()
            .mapToInt(d -> d.chunks().size())
            .max()
            .orElse(0);
    assertTrue(
        chunks >= mostChunks,
        "the longest list should have " + mostChunks + "+ chunks, has " + chunks);
    assertTrue(
        counter.batchWrites() >= leastBatchWrites,
        "the scenario should take several batch writes, took " + counter.batchWrites());

    for (int crashAt = 1; crashAt < totalRequests; crashAt += step) {
      IsolatedIngest crashed = new IsolatedIngest(cloud);
      List<SourceEvent> events = scenarioEvents.apply(crashed);
      IngestService dying =
          crashed.service(Optional.of(fault.apply(crashAt)), Duration.ofMillis(150), chunkBytes);
      boolean died = false;
      for (SourceEvent e : events) {
        if (!died) {
          try {
            IsolatedIngest.handle(dying, e);
          } catch (RuntimeException crash) {
            died = true;
          }
        }
      }
      assertTrue(died, "the fault at request " + crashAt + " should have killed the ingest");
      TestCloud.sleep(200);
      scenario(crashed.service(Optional.empty(), Duration.ofSeconds(30), chunkBytes), events);
      assertEquals(
          expected, crashed.content(), "after a crash at request " + crashAt + " and a retry");
      crashed.assertConsistent("crash at " + crashAt + ": ");
    }
  }

  /**
   * A round of six files that dies at any request is finished by a writer that takes one file a
   * round: it replays the dead round a file at a time, the rest carried in the journal, and folds
   * no file of it as a new event (under new ordinals, the dead round's documents left behind at the
   * old ones) before the journal is empty. It ends as a clean run (every third request).
   */
  @Test
  void aDeadRoundFinishedAFileARoundEqualsACleanRun() {
    IsolatedIngest clean = new IsolatedIngest(cloud);
    List<SourceEvent> cleanEvents = sixFiles(clean);
    clean.recordWhileBusy(clean.service(), cleanEvents);
    FaultInjector counter = FaultInjector.crashAfter(Integer.MAX_VALUE);
    clean
        .service(Optional.of(counter), Duration.ofSeconds(30))
        .writeIfFree(Deadline.after(Duration.ofSeconds(60)));
    int totalRequests = counter.requests();
    IndexContent expected = clean.content();
    clean.assertConsistent("");
    assertEquals(6, clean.snapshot().manifests().size());

    for (int crashAt = 1; crashAt < totalRequests; crashAt += 3) {
      IsolatedIngest crashed = new IsolatedIngest(cloud);
      List<SourceEvent> events = sixFiles(crashed);
      crashed.recordWhileBusy(crashed.service(), events);
      IngestService dying =
          crashed.service(Optional.of(FaultInjector.crashAfter(crashAt)), Duration.ofMillis(150));
      assertThrows(
          RuntimeException.class,
          () -> dying.writeIfFree(Deadline.after(Duration.ofSeconds(60))),
          "the fault at request " + crashAt + " should have killed the round");
      TestCloud.sleep(200);
      IngestService aFileARound =
          crashed.service(
              crashed.client(Optional.empty()),
              () -> "finisher",
              IsolatedIngest.settings(Duration.ofSeconds(30)).withRoundWork(1));
      aFileARound.writeIfFree(Deadline.after(Duration.ofSeconds(60)));
      assertEquals(
          expected, crashed.content(), "after a crash at request " + crashAt + " and a finisher");
      crashed.assertConsistent("crash at " + crashAt + ": ");
    }
  }

  private static List<SourceEvent> sixFiles(IsolatedIngest ingest) {
    List<SourceEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(
          ingest.put(
              "six/" + i + ".txt",
              Corpora.article(
                  "Report " + i + " on the peace talks and the ceasefire in the region.",
                  "Peace Talks Report " + i,
                  "Shared Headline About Peace Talks")));
    }
    return events;
  }

  @Test
  void theCrashedInvocationFailsSoLambdaRetriesIt() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    SourceEvent event = ingest.put("c.txt", FIRST);
    IngestService dying =
        ingest.service(Optional.of(FaultInjector.crashAfter(2)), Duration.ofMillis(300));
    assertThrows(FaultInjector.InjectedCrash.class, () -> IsolatedIngest.handle(dying, event));
  }
}
