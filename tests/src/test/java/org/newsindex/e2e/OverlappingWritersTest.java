package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.index.StoredDocument;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One writer at a time, provably: a writer whose requests are slowed (between the SDK and DynamoDB)
 * until it overruns its lease cannot change the index once another has taken the lease over. The
 * second writer finishes the first one's round from its journal; afterwards the consistency check
 * finds no drift and every file is indexed exactly once.
 */
class OverlappingWritersTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  /** Holds up every request after the first {@code free} for {@code delay}. */
  private static final class SlowDynamoDb implements ExecutionInterceptor {
    private final int free;
    private final Duration delay;
    private final AtomicInteger requests = new AtomicInteger();

    SlowDynamoDb(int free, Duration delay) {
      this.free = free;
      this.delay = delay;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (requests.incrementAndGet() > free) {
        long until = System.nanoTime() + delay.toNanos();
        // Held up whatever happens, as a paused process would be (not cut short by interrupts).
        while (System.nanoTime() < until) {
          try {
            Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
          } catch (InterruptedException ignored) {
            // keep holding
          }
        }
      }
    }
  }

  private static String leaseOwner(IsolatedIngest ingest) {
    var item =
        cloud
            .dynamoDb
            .getItem(
                b ->
                    b.tableName(ingest.table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk",
                                org.newsindex.index.Attributes.s("LEASE"),
                                "sk",
                                org.newsindex.index.Attributes.s(
                                    org.newsindex.index.IndexWriter.LEASE))))
            .item();
    return item == null || !item.containsKey("owner") ? "" : item.get("owner").s();
  }

  @Test
  void aSlowWriterThatLosesItsLeaseCannotChangeTheIndexAndTheNextFinishesItsRound() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    List<SourceEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(
          ingest.put(
              "overlap/f" + i + ".txt",
              Corpora.article(
                  "Article " + i + " on the harbour strike and the ferry timetable.",
                  "Harbour Strike Enters Day " + i,
                  "Ferries Cancelled")));
    }
    // The first writer's lease lasts two seconds between renewals; once it has written its journal
    // (its first dozen requests), each of its requests is held up for three seconds.
    IngestService slow =
        ingest.service(
            ingest.client(Optional.of(new SlowDynamoDb(12, Duration.ofSeconds(3)))),
            () -> "slow",
            IsolatedIngest.settings(Duration.ofSeconds(2)));
    IngestService next = ingest.service();
    ingest.recordWhileBusy(next, events);

    AtomicLong slowEnded = new AtomicLong();
    CompletableFuture<Throwable> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                slow.writeIfFree(Deadline.after(Duration.ofSeconds(60)));
                return null;
              } catch (RuntimeException e) {
                return e;
              } finally {
                slowEnded.set(System.nanoTime());
              }
            });
    // Only once the first writer holds the lease does the second start trying.
    long holding = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"slow".equals(leaseOwner(ingest)) && System.nanoTime() < holding) {
      TestCloud.sleep(20);
    }
    assertEquals("slow", leaseOwner(ingest), "the first writer never took the lease");
    // The second writer tries until the first one's lease lapses, then folds everything.
    long tookOver = 0;
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (next.writeIfFree(Deadline.after(Duration.ofSeconds(30))).rounds() > 0) {
        tookOver = System.nanoTime();
        break;
      }
      TestCloud.sleep(200);
    }
    first.join();
    assertTrue(tookOver > 0, "the second writer never took the lease over");
    assertTrue(
        slowEnded.get() > tookOver,
        "the first writer should still have been running when the second took over");
    // Let anything the first writer still had in hand run out, then check.
    TestCloud.sleep(3_500);
    next.writeIfFree(Deadline.after(Duration.ofSeconds(30)));

    IndexSnapshot snapshot = ingest.snapshot();
    assertTrue(snapshot.pendingFiles().isEmpty(), snapshot.pendingFiles().toString());
    Map<String, SourceManifest> files = snapshot.manifests();
    for (SourceEvent e : events) {
      SourceManifest m = files.get(e.key());
      assertEquals(SourceStatus.INGESTED, m.status(), m.toString());
    }
    long articles =
        snapshot.documents().values().stream().filter(d -> d.kind() == DocKind.ARTICLE).count();
    assertEquals(events.size(), articles, "every file's article indexed exactly once");
    StoredDocument ferries =
        snapshot.documents().values().stream()
            .filter(d -> d.title().equals("Ferries Cancelled"))
            .findFirst()
            .orElseThrow();
    assertEquals(events.size(), ferries.sourceCount());
    ingest.assertConsistent("after the overlap: ");
  }
}
