package org.newsindex.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.local.LocalCloud;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ingest through the real path (S3 upload → event → ingest function → DynamoDB) against the limit
 * of the backend: BatchWriteItem of the very same final items into an empty table from the same
 * machine, with the same parallelism.
 */
final class IngestMeasurement {
  /** Sweeps after the last event before the bench gives up on files that never fold. */
  private static final int MOST_SWEEPS = 100;

  /** What ingest measured. */
  record Result(
      int articles,
      int ontoArticles,
      double seconds,
      long itemsWritten,
      long writeUnits,
      double readUnits,
      long finalItems,
      double rawSeconds,
      long invocations,
      double lambdaSeconds,
      long dynamoDbRequests,
      long finalWriteUnits) {

    /** Write units ingest spent for each write unit of the items it left. */
    double writeAmplification() {
      return finalWriteUnits == 0 ? 0 : (double) writeUnits / finalWriteUnits;
    }

    double articlesPerSecond() {
      return articles / seconds;
    }

    double itemsPerSecond() {
      return itemsWritten / seconds;
    }

    double rawItemsPerSecond() {
      return finalItems / rawSeconds;
    }

    /** The real path's article rate as a fraction of what writing the final items alone allows. */
    double ratioToRaw() {
      return rawSeconds / seconds;
    }
  }

  private IngestMeasurement() {}

  /** What putting the items costs, as DynamoDB bills it. */
  static long finalWriteUnits(List<Map<String, AttributeValue>> items) {
    return items.stream().mapToLong(org.newsindex.index.ItemSize::writeUnits).sum();
  }

  /** The key of an item, as one string. */
  static String keyOf(Map<String, AttributeValue> item) {
    return item.get("pk").s() + "\u0000" + item.get("sk").s();
  }

  static Result run(
      LocalCloud cloud,
      S3Client s3,
      DynamoDbClient dynamoDb,
      CorpusGenerator generator,
      int articles,
      Runnable progress)
      throws Exception {
    return run(cloud, s3, dynamoDb, generator, 0, articles, Map.of(), progress);
  }

  /**
   * Ingests articles {@code from} to {@code to} (exclusive) through events onto what the table
   * already holds ({@code before}: each item's fingerprint by key, empty for an empty table); the
   * final items are those the ingest added or changed, and raw writes only those.
   */
  static Result run(
      LocalCloud cloud,
      S3Client s3,
      DynamoDbClient dynamoDb,
      CorpusGenerator generator,
      int from,
      int to,
      Map<String, Integer> before,
      Runnable progress)
      throws Exception {
    // A reindex invokes no function: every ingest invocation the cloud records from here is this
    // measurement's.
    InvocationTally tally = new InvocationTally();
    long started = System.nanoTime();
    GeneratedUpload.articles(s3, cloud.bucket(), generator, from, to, () -> tally.collect(cloud));
    while (!cloud.awaitIdle(Duration.ofMillis(500))) {
      tally.collect(cloud);
      progress.run();
    }
    // A writer that runs out of its invocation's time leaves files pending when no event follows;
    // on AWS the every-minute sweep (CompactFunction) folds them. The bench's cloud runs no
    // schedules, so it fires the sweep until nothing waits: else it would measure a part-built
    // index (and count the files left pending as ingested).
    org.newsindex.index.PendingStore pending =
        new org.newsindex.index.PendingStore(
            new org.newsindex.index.IndexTable(dynamoDb, cloud.table()));
    for (int sweeps = 0;
        pending.any(org.newsindex.index.Deadline.after(Duration.ofSeconds(30)));
        sweeps++) {
      if (sweeps == MOST_SWEEPS) {
        throw new IllegalStateException(
            "files still wait to be indexed after " + MOST_SWEEPS + " sweeps");
      }
      cloud.fireSchedule("CompactFunction");
      while (!cloud.awaitIdle(Duration.ofMillis(500))) {
        tally.collect(cloud);
        progress.run();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    tally.collect(cloud);

    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDb
        .scanPaginator(b -> b.tableName(cloud.table()))
        .items()
        .forEach(
            item -> {
              Integer earlier = before.get(keyOf(item));
              if (earlier == null || earlier != item.hashCode()) {
                items.add(item);
              }
            });
    String copy = cloud.table() + "-raw";
    Tables.create(dynamoDb, copy);
    long rawStarted = System.nanoTime();
    Tables.writeAll(dynamoDb, copy, items, 8);
    double rawSeconds = (System.nanoTime() - rawStarted) / 1e9;
    Tables.delete(dynamoDb, copy);
    return new Result(
        to - from,
        from,
        seconds,
        tally.itemsWritten,
        tally.writeUnits,
        tally.readUnits,
        items.size(),
        rawSeconds,
        tally.invocations,
        tally.seconds,
        tally.dynamoDbRequests,
        finalWriteUnits(items));
  }
}
