package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;

/**
 * DynamoDB throttling and partly processed batch writes (injected between the SDK and dynalite) are
 * retried with backoff until everything is written; if the throttling outlasts the invocation, the
 * invocation fails rather than dropping anything, and its retry completes the work.
 */
class ThrottlingTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  private static List<SourceEvent> events(IsolatedIngest ingest) {
    return List.of(
        ingest.put(
            "one.txt",
            Corpora.article(
                "Floods hit the northern valleys after days of rain.",
                "Floods Hit Northern Valleys",
                "Rescue Teams Reach Stranded Villages")),
        ingest.put(
            "two.txt",
            Corpora.article(
                "Rescue teams reached stranded villages by boat.",
                "Rescue Teams Reach Stranded Villages",
                "Rain Eases Over The Weekend")));
  }

  private static IndexContent cleanRun() {
    IsolatedIngest clean = new IsolatedIngest(cloud);
    IngestService service = clean.service();
    events(clean).forEach(e -> IsolatedIngest.handle(service, e));
    return clean.content();
  }

  @Test
  void unprocessedItemsAndThrottlingAreRetriedUntilEverythingIsWritten() {
    IndexContent expected = cleanRun();
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    FaultInjector faults = FaultInjector.throttling(6, 12);
    IngestService service = ingest.service(Optional.of(faults), Duration.ofSeconds(30));
    events(ingest).forEach(e -> IsolatedIngest.handle(service, e));
    assertEquals(6, faults.throttled.get());
    assertTrue(faults.withheldItems.get() > 0, "some items should have come back unprocessed");
    assertEquals(expected, ingest.content());
    ingest.assertConsistent("");
  }

  @Test
  void throttlingThatOutlastsTheInvocationFailsItAndTheRetryCompletesTheWork() {
    IndexContent expected = cleanRun();
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    List<SourceEvent> events = events(ingest);
    IngestService throttled =
        ingest.service(
            Optional.of(FaultInjector.throttling(Integer.MAX_VALUE, 0)), Duration.ofSeconds(2));
    long started = System.nanoTime();
    assertThrows(
        RuntimeException.class,
        () -> IsolatedIngest.handle(throttled, events.get(0), Duration.ofSeconds(4)));
    assertTrue(
        System.nanoTime() - started < Duration.ofSeconds(15).toNanos(),
        "the invocation must give up near its deadline");
    TestCloud.sleep(2100);
    IngestService retry = ingest.service();
    events.forEach(e -> IsolatedIngest.handle(retry, e));
    assertEquals(expected, ingest.content());
    ingest.assertConsistent("");
  }
}
