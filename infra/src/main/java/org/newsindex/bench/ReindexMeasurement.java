package org.newsindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.reindex.LocalReindex;
import org.newsindex.verify.IndexVerifier;
import org.newsindex.verify.VerificationReport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reindex against the limit of the backend: the same files, in a bucket whose events no function
 * sees, reindexed into an empty table (listing, reading every object, building and writing the
 * index), then BatchWriteItem of the very same final items into another empty table from the same
 * process, with the same parallelism.
 */
final class ReindexMeasurement {
  /** What the reindex measured, and whether its index checks out. */
  record Result(
      int articles,
      double seconds,
      double listSeconds,
      int rounds,
      long finalItems,
      long finalWriteUnits,
      double rawSeconds,
      long rawItems,
      long drift,
      Map<String, Long> counts) {

    double ratioToRaw() {
      return rawSeconds / seconds;
    }

    /** The same figures with the drift and counts of a later verification of the table. */
    Result verified(long drift, Map<String, Long> counts) {
      return new Result(
          articles,
          seconds,
          listSeconds,
          rounds,
          finalItems,
          finalWriteUnits,
          rawSeconds,
          rawItems,
          drift,
          counts);
    }
  }

  /** A reindex of the stack's own bucket into its own table, and what the table then holds. */
  record InPlace(Result result, Map<String, Integer> fingerprints) {}

  /**
   * Raw writes of more items than this time a strided sample of this many (the same mix of item
   * kinds and sizes) and scale its time by the number of items: at 100,000 articles, writing every
   * item a second time would take as long as the reindex itself.
   */
  static final int RAW_SAMPLE = 250_000;

  private ReindexMeasurement() {}

  static Result run(
      S3Client s3, DynamoDbClient dynamoDb, String table, CorpusGenerator generator, int articles)
      throws Exception {
    String bucket = "newsindex-bench-reindex";
    s3.createBucket(b -> b.bucket(bucket));
    GeneratedUpload.articles(s3, bucket, generator, 0, articles, () -> {});

    String rebuilt = table + "-reindex";
    Tables.create(dynamoDb, rebuilt);
    Timed timed = timedReindex(s3, dynamoDb, rebuilt, bucket);
    VerificationReport report =
        new IndexVerifier(new TextAnalyzer()).verify(IndexSnapshot.load(dynamoDb, rebuilt));
    Tables.delete(dynamoDb, rebuilt);
    return timed.result(articles, report.drift().size(), report.counts());
  }

  /** A reindex timed, the items it left, and raw writes of the same items. */
  private record Timed(
      LocalReindex.Result reindex,
      double seconds,
      List<Map<String, AttributeValue>> items,
      Raw raw) {
    Result result(int articles, long drift, Map<String, Long> counts) {
      return new Result(
          articles,
          seconds,
          reindex.listSeconds(),
          reindex.rounds(),
          items.size(),
          IngestMeasurement.finalWriteUnits(items),
          raw.seconds(),
          raw.items(),
          drift,
          counts);
    }
  }

  private static Timed timedReindex(
      S3Client s3, DynamoDbClient dynamoDb, String table, String bucket) throws Exception {
    long started = System.nanoTime();
    LocalReindex.Result r = new LocalReindex(dynamoDb, table, s3, bucket).run("", true, p -> {});
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDb.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
    return new Timed(r, seconds, items, raw(dynamoDb, table + "-raw", items));
  }

  /**
   * Reindexes the stack's bucket (files uploaded with its notifications off) into its empty table,
   * where the index stays for the event sample and the queries; the drift is left for a later
   * verification of the whole table.
   */
  static InPlace inPlace(
      S3Client s3, DynamoDbClient dynamoDb, String table, String bucket, int articles)
      throws Exception {
    Timed timed = timedReindex(s3, dynamoDb, table, bucket);
    Map<String, Integer> fingerprints = new java.util.HashMap<>();
    timed.items().forEach(item -> fingerprints.put(IngestMeasurement.keyOf(item), item.hashCode()));
    return new InPlace(timed.result(articles, -1, Map.of()), fingerprints);
  }

  /**
   * An untimed reindex of a few files into a scratch table, so the timed one runs on compiled code
   * as it does after the event path in a smaller run (a first reindex in a fresh JVM is interpreted
   * for its first thousand files).
   */
  static void warmUp(
      S3Client s3, DynamoDbClient dynamoDb, String table, CorpusGenerator generator, int articles)
      throws Exception {
    String bucket = "newsindex-bench-warm-up";
    s3.createBucket(b -> b.bucket(bucket));
    GeneratedUpload.articles(s3, bucket, generator, 0, articles, () -> {});
    String scratch = table + "-warm-up";
    Tables.create(dynamoDb, scratch);
    new LocalReindex(dynamoDb, scratch, s3, bucket).run("", true, p -> {});
    Tables.delete(dynamoDb, scratch);
  }

  private record Raw(double seconds, long items) {}

  /** BatchWriteItem of the items (or of a strided sample, its time scaled) into a scratch table. */
  private static Raw raw(
      DynamoDbClient dynamoDb, String copy, List<Map<String, AttributeValue>> items)
      throws Exception {
    List<Map<String, AttributeValue>> written = items;
    if (items.size() > RAW_SAMPLE) {
      written = new ArrayList<>(RAW_SAMPLE);
      double stride = (double) items.size() / RAW_SAMPLE;
      for (int i = 0; i < RAW_SAMPLE; i++) {
        written.add(items.get((int) (i * stride)));
      }
    }
    Tables.create(dynamoDb, copy);
    long rawStarted = System.nanoTime();
    Tables.writeAll(dynamoDb, copy, written, 8);
    double rawSeconds = (System.nanoTime() - rawStarted) / 1e9;
    Tables.delete(dynamoDb, copy);
    return new Raw(rawSeconds * items.size() / written.size(), written.size());
  }
}
