package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.ingest.SourceEvent;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A file whose indexing would write an item DynamoDB refuses is rejected alone, with the reason,
 * and every other file of its round is indexed: whether the writer finds the item before sending it
 * (an item over 400 KB) or DynamoDB refuses it (the writer finds which item among its batch).
 */
class WriterIsolationTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  private static List<SourceEvent> plainFiles(IsolatedIngest ingest, String prefix) {
    List<SourceEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(
          ingest.put(
              prefix + "/plain-" + i + ".txt",
              Corpora.article("Plain article number " + i + " about otters.", "Otters Return")));
    }
    return events;
  }

  private static void assertPlainFilesIngested(IsolatedIngest ingest, String prefix) {
    Map<String, SourceManifest> files = ingest.snapshot().manifests();
    for (int i = 0; i < 3; i++) {
      SourceManifest m = files.get(prefix + "/plain-" + i + ".txt");
      assertEquals(SourceStatus.INGESTED, m.status(), m.toString());
    }
  }

  @Test
  void anArticleWhoseDocumentPassesFourHundredKilobytesIsRejectedAloneBeforeAnythingIsSent() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    var service =
        ingest.service(
            ingest.client(Optional.empty()),
            () -> "isolation",
            IsolatedIngest.settings(Duration.ofSeconds(30)),
            new CorpusParser(600_000));
    List<SourceEvent> events = new ArrayList<>(plainFiles(ingest, "big"));
    events.add(
        ingest.put(
            "big/huge.txt",
            Corpora.article("otters " + "x".repeat(450_000) + " end.", "Huge Article")));
    ingest.recordWhileBusy(service, events);
    service.writeIfFree(org.newsindex.index.Deadline.after(Duration.ofMinutes(1)));

    assertPlainFilesIngested(ingest, "big");
    SourceManifest huge = ingest.snapshot().manifests().get("big/huge.txt");
    assertEquals(SourceStatus.REJECTED, huge.status());
    assertTrue(huge.reason().orElse("").contains("DynamoDB refuses"), huge.toString());
    assertTrue(huge.reason().orElse("").contains("409,600"), huge.toString());
    ingest.assertConsistent("");
  }

  /**
   * DynamoDB refusing any batch that holds an item whose text contains a word (only items whose
   * partition key starts with {@code keyPrefix}, if given).
   */
  private static final class RefusingDynamoDb implements ExecutionInterceptor {
    private final String word;
    private final String keyPrefix;

    RefusingDynamoDb(String word) {
      this(word, "");
    }

    RefusingDynamoDb(String word, String keyPrefix) {
      this.word = word;
      this.keyPrefix = keyPrefix;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof BatchWriteItemRequest batch
          && batch.requestItems().values().stream()
              .flatMap(List::stream)
              .anyMatch(
                  w ->
                      w.putRequest() != null
                          && w.putRequest().item().get("pk").s().startsWith(keyPrefix)
                          && w.putRequest().item().values().stream()
                              .anyMatch(v -> v.s() != null && v.s().contains(word)))) {
        throw DynamoDbException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ValidationException")
                    .errorMessage("Item size has exceeded the maximum allowed size")
                    .build())
            .message("Item size has exceeded the maximum allowed size")
            .build();
      }
    }
  }

  @Test
  void anItemDynamoDbRefusesRejectsTheFileThatMadeItAndTheRoundFinishesWithoutIt() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    var service =
        ingest.service(
            ingest.client(Optional.of(new RefusingDynamoDb("zanzibarite"))),
            () -> "isolation",
            IsolatedIngest.settings(Duration.ofSeconds(30)));
    List<SourceEvent> events = new ArrayList<>(plainFiles(ingest, "refused"));
    events.add(
        ingest.put(
            "refused/odd.txt",
            Corpora.article("An article about zanzibarite crystals.", "Crystal Fair Opens")));
    ingest.recordWhileBusy(service, events);
    service.writeIfFree(org.newsindex.index.Deadline.after(Duration.ofMinutes(1)));

    assertPlainFilesIngested(ingest, "refused");
    SourceManifest odd = ingest.snapshot().manifests().get("refused/odd.txt");
    assertEquals(SourceStatus.REJECTED, odd.status());
    assertTrue(odd.reason().orElse("").contains("DynamoDB refused the item"), odd.toString());
    ingest.assertConsistent("");
  }

  /**
   * DynamoDB refuses a term's directory, which is written after the round's chunks: the file that
   * brought the term is rejected, and its postings already written into the chunks of the words it
   * shares are taken out again when the round is planned without it.
   */
  @Test
  void aDirectoryRefusedAfterTheRoundsChunksWereWrittenLeavesNoPostingOfTheRejectedFile() {
    IsolatedIngest ingest = new IsolatedIngest(cloud);
    var service =
        ingest.service(
            ingest.client(Optional.of(new RefusingDynamoDb("zanzibarit", "TERM#"))),
            () -> "isolation",
            IsolatedIngest.settings(Duration.ofSeconds(30)).withChunkBytes(24));
    List<SourceEvent> events = new ArrayList<>(plainFiles(ingest, "late"));
    ingest.recordWhileBusy(service, events);
    service.writeIfFree(org.newsindex.index.Deadline.after(Duration.ofMinutes(1)));
    events.add(
        ingest.put(
            "late/odd.txt",
            Corpora.article(
                "Plain article about otters and zanzibarite, otters again.", "Otters Return")));
    ingest.recordWhileBusy(service, events.subList(3, 4));
    service.writeIfFree(org.newsindex.index.Deadline.after(Duration.ofMinutes(1)));

    assertPlainFilesIngested(ingest, "late");
    var snapshot = ingest.snapshot();
    assertTrue(
        snapshot.chunks().values().stream().anyMatch(c -> c.size() > 2),
        "the shared words' lists should span chunks of their own");
    SourceManifest odd = snapshot.manifests().get("late/odd.txt");
    assertEquals(SourceStatus.REJECTED, odd.status(), odd.toString());
    assertTrue(
        snapshot.documents().values().stream().noneMatch(d -> d.text().contains("zanzibarite")));
    ingest.assertConsistent("");
  }
}
