package org.newsindex.reindex;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.config.Settings;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexTable;
import org.newsindex.index.IndexWriteException;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.PendingStore;
import org.newsindex.index.PostingListEditor;
import org.newsindex.index.ReindexCheckpoint;
import org.newsindex.index.ReindexStore;
import org.newsindex.index.SourceStore;
import org.newsindex.index.WriterSettings;
import org.newsindex.ingest.BucketReconciler;
import org.newsindex.ingest.S3CorpusObjects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A reindex run from this machine, against the local cloud or a deployed stack: lists the bucket
 * and records every change the table lacks (resumable from its checkpoint), then folds them with
 * the index writer in rounds as large as this JVM's memory allows, holding the writer's lease
 * (waiting while the stack's own writer holds it). On a table that holds nothing yet, every item of
 * the index is written once.
 */
public final class LocalReindex {
  /** What a reindex did, and how long each part took. */
  public record Result(
      long listed,
      long changes,
      int rounds,
      int folded,
      long itemsWritten,
      double listSeconds,
      double foldSeconds) {}

  private static final Duration HOLD = Duration.ofMinutes(30);

  /** Calls of the writer in a row that may outrun their time before the reindex gives up. */
  private static final int OUTRUN_CALLS = 3;

  private final IndexTable table;
  private final BucketReconciler reconciler;
  private final IndexWriter writer;
  private Duration hold = HOLD;

  public LocalReindex(DynamoDbClient dynamoDb, String tableName, S3Client s3, String bucket) {
    this(dynamoDb, tableName, s3, bucket, roundMemory(Runtime.getRuntime().maxMemory()));
  }

  /**
   * A round's files may take two fifths of this JVM's heap, the chunks it edits an eighth of that
   * at a time and the directories it remembers as much again.
   */
  static long roundMemory(long heap) {
    return Math.max(64L << 20, heap / 5 * 2);
  }

  /** A reindex whose rounds' files take at most {@code roundMemory} bytes. */
  public LocalReindex(
      DynamoDbClient dynamoDb, String tableName, S3Client s3, String bucket, long roundMemory) {
    this(dynamoDb, tableName, s3, bucket, roundMemory, PostingListEditor.MAX_CHUNK_BYTES);
  }

  /**
   * A reindex whose rounds take at most {@code roundMemory} and whose chunks split past {@code
   * chunkBytes}.
   */
  public LocalReindex(
      DynamoDbClient dynamoDb,
      String tableName,
      S3Client s3,
      String bucket,
      long roundMemory,
      int chunkBytes) {
    this.table = new IndexTable(dynamoDb, tableName);
    S3CorpusObjects objects = new S3CorpusObjects(s3, bucket);
    this.reconciler =
        new BucketReconciler(
            objects,
            new SourceStore(table),
            new PendingStore(table),
            new ReindexStore(table),
            Clock.systemUTC());
    this.writer =
        new IndexWriter(
            table,
            objects,
            new CorpusParser(Settings.DEFAULT_MAX_ARTICLE_BYTES),
            new TextAnalyzer(),
            WriterSettings.forBulk(Settings.DEFAULT_MAX_FILE_BYTES, roundMemory)
                .withChunkBytes(chunkBytes),
            Clock.systemUTC());
  }

  /**
   * Gives each call of the writer {@code hold} (30 minutes unless told): a call whose round is
   * still being written when it ends is followed by another that finishes the round.
   */
  public LocalReindex holdingTheWriterFor(Duration hold) {
    this.hold = hold;
    return this;
  }

  /**
   * Reindexes the prefix; {@code restart} lists from the top even if a checkpoint says otherwise.
   */
  public Result run(String prefix, boolean restart, Consumer<String> progress) {
    long started = System.nanoTime();
    ReindexCheckpoint at = reconciler.start(prefix, restart);
    while (true) {
      at =
          reconciler.run(
              at,
              Deadline.after(HOLD),
              c ->
                  progress.accept(
                      String.format(
                          "listed %,d objects, %,d changes to index", c.listed(), c.marked())));
      if (at.token().isEmpty()) {
        break;
      }
    }
    double listSeconds = (System.nanoTime() - started) / 1e9;
    long folding = System.nanoTime();
    IndexWriter.Outcome total = IndexWriter.Outcome.NONE;
    String owner = "reindex-" + UUID.randomUUID();
    int outrun = 0;
    while (writer.anyPending(Deadline.after(Duration.ofSeconds(30)))) {
      Deadline call = Deadline.after(hold);
      IndexWriter.Outcome o;
      try {
        o = writer.writeIfFree(call, () -> owner);
        outrun = 0;
      } catch (IndexWriteException outOfTime) {
        // A round still being written when the call's time ran out (rounds are sized by the pace
        // of those before, and a later one onto a larger index can be slower): the next call
        // finishes it from its journal. A failure before the call's time was up is the reindex's.
        if (call.remaining().toMillis() > 1_000 || ++outrun >= OUTRUN_CALLS) {
          throw outOfTime;
        }
        progress.accept("a round outran its writer's time; the next finishes it from its journal");
        continue;
      }
      if (o.rounds() == 0) {
        progress.accept("waiting for the writer's lease (another writer holds it)");
        sleep(Duration.ofSeconds(2));
        continue;
      }
      total = plus(total, o);
      progress.accept(
          String.format(
              "indexed %,d files in %d round(s), %,d items written",
              total.folded(), total.rounds(), total.itemsWritten()));
    }
    return new Result(
        at.listed(),
        at.marked(),
        total.rounds(),
        total.folded(),
        total.itemsWritten(),
        listSeconds,
        (System.nanoTime() - folding) / 1e9);
  }

  /** Starts a reindex the stack's every-minute sweep carries out (nothing runs here). */
  public ReindexCheckpoint startInStack(String prefix, boolean restart) {
    return reconciler.start(prefix, restart);
  }

  private static IndexWriter.Outcome plus(IndexWriter.Outcome a, IndexWriter.Outcome b) {
    return new IndexWriter.Outcome(
        a.rounds() + b.rounds(),
        a.folded() + b.folded(),
        a.terms() + b.terms(),
        a.itemsWritten() + b.itemsWritten(),
        java.util.Map.of());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
