package org.newsindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.reindex.LocalReindex;
import org.newsindex.verify.IndexVerifier;
import org.newsindex.verify.VerificationReport;
import software.amazon.awssdk.core.sync.RequestBody;
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
      double seconds,
      double listSeconds,
      int rounds,
      long finalItems,
      long finalWriteUnits,
      double rawSeconds,
      long drift,
      Map<String, Long> counts) {

    double ratioToRaw() {
      return rawSeconds / seconds;
    }
  }

  private ReindexMeasurement() {}

  static Result run(
      S3Client s3, DynamoDbClient dynamoDb, String table, CorpusGenerator generator, int articles)
      throws Exception {
    String bucket = "newsindex-bench-reindex";
    s3.createBucket(b -> b.bucket(bucket));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> uploads = new ArrayList<>();
    for (int i = 0; i < articles; i++) {
      int n = i;
      uploads.add(
          pool.submit(
              () ->
                  s3.putObject(
                      b -> b.bucket(bucket).key(generator.key(n)).metadata(generator.metadata(n)),
                      RequestBody.fromString(generator.file(n)))));
    }
    for (Future<?> f : uploads) {
      f.get();
    }
    pool.shutdown();

    String rebuilt = table + "-reindex";
    Tables.create(dynamoDb, rebuilt);
    long started = System.nanoTime();
    LocalReindex.Result r = new LocalReindex(dynamoDb, rebuilt, s3, bucket).run("", true, p -> {});
    double seconds = (System.nanoTime() - started) / 1e9;

    VerificationReport report =
        new IndexVerifier(new TextAnalyzer()).verify(IndexSnapshot.load(dynamoDb, rebuilt));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDb.scanPaginator(b -> b.tableName(rebuilt)).items().forEach(items::add);
    String copy = rebuilt + "-raw";
    Tables.create(dynamoDb, copy);
    long rawStarted = System.nanoTime();
    Tables.writeAll(dynamoDb, copy, items, 8);
    double rawSeconds = (System.nanoTime() - rawStarted) / 1e9;
    Tables.delete(dynamoDb, copy);
    Tables.delete(dynamoDb, rebuilt);
    return new Result(
        seconds,
        r.listSeconds(),
        r.rounds(),
        items.size(),
        IngestMeasurement.finalWriteUnits(items),
        rawSeconds,
        report.drift().size(),
        report.counts());
  }
}
