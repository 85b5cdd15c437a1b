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
import org.newsindex.TestProject;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.ingest.SourceEvent;
import org.newsindex.reindex.LocalReindex;
import org.newsindex.verify.IndexVerifier;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * {@code newsindex reindex} rebuilds a table from a bucket whose events it never saw, and the
 * result is exactly the index the events built: every document, posting, statistic and file record.
 * Cut off part-way, it is run again and ends the same; run once more, it changes nothing; an event
 * S3 sends while it runs wins over what its listing found.
 */
class ReindexTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  /** A bucket of generated files, some overwritten, indexed through their events. */
  private static IsolatedIngest indexedThroughEvents() throws java.io.IOException {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    CorpusGenerator generator = new CorpusGenerator(TestProject.seedTexts(), 40, 7);
    List<SourceEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(ingest.put(generator.key(i), generator.file(i)));
    }
    for (int i = 0; i < 5; i++) {
      events.add(ingest.put(generator.key(i), generator.file(100 + i)));
    }
    var service = ingest.service();
    for (SourceEvent e : events) {
      IsolatedIngest.handle(service, e);
    }
    ingest.assertConsistent("the events' index: ");
    return ingest;
  }

  /**
   * {@code files} generated files indexed through their events one a round, in 1 KB chunks (so the
   * common terms' lists keep tails); with {@code overwrites}, every eighth file also overwrites the
   * file four before it.
   */
  private static IsolatedIngest indexedAFileARoundInSmallChunks(
      int files, long seed, boolean overwrites) throws java.io.IOException {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    CorpusGenerator generator = new CorpusGenerator(TestProject.seedTexts(), files, seed);
    var service = ingest.service(Optional.empty(), java.time.Duration.ofSeconds(30), 1_024);
    for (int i = 0; i < files; i++) {
      IsolatedIngest.handle(service, ingest.put(generator.key(i), generator.file(i)));
      if (overwrites && i % 8 == 7) {
        int back = i - 4;
        IsolatedIngest.handle(service, ingest.put(generator.key(back), generator.file(200 + i)));
      }
    }
    return ingest;
  }

  private static IndexContent content(String table) {
    return IndexContent.of(IndexSnapshot.load(cloud.dynamoDb, table));
  }

  private static void assertConsistent(String table) {
    var report =
        new IndexVerifier(new TextAnalyzer()).verify(IndexSnapshot.load(cloud.dynamoDb, table));
    assertTrue(report.consistent(), report.drift().toString());
  }

  @Test
  void aReindexOfTheBucketIntoAnEmptyTableEqualsTheIndexItsEventsBuilt() throws Exception {
    IsolatedIngest ingest = indexedThroughEvents();
    String rebuilt = ingest.anotherTable();
    LocalReindex.Result r =
        new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {});
    assertEquals(40, r.listed());
    assertEquals(40, r.changes());
    assertSame(content(ingest.table), content(rebuilt), "");
    assertConsistent(rebuilt);

    LocalReindex.Result again =
        new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {});
    assertEquals(0, again.changes(), "a second reindex should find nothing to do");
    assertEquals(content(ingest.table), content(rebuilt));
  }

  /**
   * Small chunks and a file a round: the common terms' lists keep tails, merged every few files,
   * and overwrites take entries out of tails and chunks alike (and keep some headlines, whose
   * ordinals their manifests still record). A reindex builds the same index.
   */
  @Test
  void aReindexEqualsAnIndexWhoseListsKeptTails() throws Exception {
    IsolatedIngest ingest = indexedAFileARoundInSmallChunks(28, 11, true);
    ingest.assertConsistent("the events' index: ");
    long tailed =
        ingest.snapshot().directories().values().stream()
            .filter(
                d ->
                    d.chunks().size() > 1
                        && d.chunks().stream()
                            .anyMatch(c -> c.id() == org.newsindex.index.TermDirectory.INLINE))
            .count();
    assertTrue(tailed > 0, "some lists should keep a tail");
    String rebuilt = ingest.anotherTable();
    new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {});
    assertSame(content(ingest.table), content(rebuilt), "");
    assertConsistent(rebuilt);
  }

  /**
   * A reindex of many rounds onto lists of many small chunks: from its second round on, each
   * round's new postings go to the tails its first left, or merge them into the chunks, a part at a
   * time; it builds the index the events built, one file a round.
   */
  @Test
  void aReindexOfManyRoundsOntoTailedListsEqualsTheEventsIndex() throws Exception {
    IsolatedIngest ingest = indexedAFileARoundInSmallChunks(30, 13, false);
    String rebuilt = ingest.anotherTable();
    LocalReindex.Result r =
        new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket, 1 << 20, 1_024)
            .run("", false, p -> {});
    assertTrue(r.rounds() >= 4, "30 files in 1 MB rounds took " + r.rounds());
    assertConsistent(rebuilt);
    assertSame(content(ingest.table), content(rebuilt), "");
  }

  /**
   * A round still being written when the writer's time runs out (DynamoDB slowed here until one
   * does, so that a round outruns a call of five seconds) does not fail the reindex: the next call
   * finishes it from its journal, and the index is the events'.
   */
  @Test
  void aRoundThatOutrunsTheWritersTimeIsFinishedByTheNextCall() throws Exception {
    IsolatedIngest ingest = indexedThroughEvents();
    String rebuilt = ingest.anotherTable();
    java.util.concurrent.atomic.AtomicBoolean slowing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    ExecutionInterceptor slowWrites =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
              software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (slowing.get() && context.request() instanceof BatchWriteItemRequest) {
              TestCloud.sleep(400);
            }
          }
        };
    List<String> progress = new ArrayList<>();
    try (DynamoDbClient slow = ingest.client(Optional.of(slowWrites))) {
      new LocalReindex(slow, rebuilt, cloud.s3, ingest.bucket, 1 << 20)
          .holdingTheWriterFor(Duration.ofSeconds(5))
          .run(
              "",
              false,
              p -> {
                progress.add(p);
                // Once a round has outrun its call, DynamoDB is quick again: the rest is quick.
                if (p.startsWith("a round outran")) {
                  slowing.set(false);
                }
              });
    }
    assertTrue(
        progress.stream().anyMatch(p -> p.startsWith("a round outran")),
        "no round outran its call: " + progress);
    assertSame(content(ingest.table), content(rebuilt), "");
    assertConsistent(rebuilt);
  }

  /**
   * Rounds are sized by the memory their files take, whatever the heap: a reindex allowed a few
   * files' memory a round folds the bucket in many rounds, its chunks edited a part at a time, and
   * builds the same index.
   */
  @Test
  void aReindexWithRoomForAFewFilesARoundFoldsThemInManyRoundsToTheSameIndex() throws Exception {
    IsolatedIngest ingest = indexedThroughEvents();
    String rebuilt = ingest.anotherTable();
    LocalReindex.Result r =
        new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket, 1 << 20)
            .run("", false, p -> {});
    assertEquals(40, r.folded());
    assertTrue(r.rounds() >= 4, "40 files of some 150 KB each in 1 MB rounds took " + r.rounds());
    assertSame(content(ingest.table), content(rebuilt), "");
    assertConsistent(rebuilt);
  }

  @Test
  void aReindexCutOffPartWayEndsTheSameWhenRunAgain() throws Exception {
    IsolatedIngest ingest = indexedThroughEvents();
    IndexContent expected = content(ingest.table);
    for (int crashAt : new int[] {5, 40, 120}) {
      String rebuilt = ingest.anotherTable();
      try (DynamoDbClient dying = ingest.client(Optional.of(FaultInjector.crashAfter(crashAt)))) {
        assertThrows(
            RuntimeException.class,
            () ->
                new LocalReindex(dying, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {}));
      }
      // The dead reindex's lease lapses within its hold (a minute) plus grace; take it over.
      expireLease(rebuilt);
      new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {});
      assertSame(expected, content(rebuilt), "after a crash at request " + crashAt + ": ");
      assertConsistent(rebuilt);
    }
  }

  @Test
  void anObjectGoneFromTheBucketIsWithdrawnByTheNextReindex() throws Exception {
    IsolatedIngest ingest = indexedThroughEvents();
    String rebuilt = ingest.anotherTable();
    new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {});
    String gone =
        IndexSnapshot.load(cloud.dynamoDb, rebuilt).manifests().keySet().iterator().next();
    cloud.s3.deleteObject(b -> b.bucket(ingest.bucket).key(gone));
    LocalReindex.Result r =
        new LocalReindex(cloud.dynamoDb, rebuilt, cloud.s3, ingest.bucket).run("", false, p -> {});
    assertEquals(1, r.changes());
    var snapshot = IndexSnapshot.load(cloud.dynamoDb, rebuilt);
    assertEquals("deleted", snapshot.manifests().get(gone).status().label());
    assertTrue(
        snapshot.documents().values().stream()
            .noneMatch(
                d ->
                    d.sources().contains(gone) && d.kind() == org.newsindex.index.DocKind.ARTICLE));
    assertConsistent(rebuilt);
  }

  private static void assertSame(IndexContent expected, IndexContent actual, String context) {
    assertTrue(expected.equals(actual), context + expected.differenceFrom(actual));
  }

  /** Makes a dead holder's lease lapse now, as its expiry would. */
  private static void expireLease(String table) {
    cloud.dynamoDb.updateItem(
        b ->
            b.tableName(table)
                .key(
                    java.util.Map.of(
                        "pk",
                        org.newsindex.index.Attributes.s("LEASE"),
                        "sk",
                        org.newsindex.index.Attributes.s(org.newsindex.index.IndexWriter.LEASE)))
                .updateExpression("SET #until = :zero")
                .expressionAttributeNames(java.util.Map.of("#until", "until"))
                .expressionAttributeValues(
                    java.util.Map.of(":zero", org.newsindex.index.Attributes.n(0))));
    TestCloud.sleep(Duration.ofMillis(10).toMillis());
  }
}
