package org.newsindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.newsindex.reindex.LocalReindex;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fan-in: files that all list one headline against files that share nothing, each set folded by the
 * index writer in rounds of the size a busy event path gives (about a hundred files), into an empty
 * table. A headline's files past its first twenty are kept apart from its document and postings, so
 * the shared set should ingest about as fast as the other.
 */
final class FanInMeasurement {
  /** How long each set took. */
  record Result(int files, double plainSeconds, double sharedSeconds) {
    /** The shared set's rate as a fraction of the plain set's. */
    double ratio() {
      return plainSeconds / sharedSeconds;
    }
  }

  /** Rounds of some sixty files each, so the shared headline is folded again and again. */
  private static final long ROUND_MEMORY = 384 * 1024;

  private FanInMeasurement() {}

  static Result run(S3Client s3, DynamoDbClient dynamoDb, String table, int files)
      throws Exception {
    double plain = fold(s3, dynamoDb, table + "-fanin-plain", files, false);
    double shared = fold(s3, dynamoDb, table + "-fanin-shared", files, true);
    return new Result(files, plain, shared);
  }

  private static double fold(
      S3Client s3, DynamoDbClient dynamoDb, String name, int files, boolean shared)
      throws Exception {
    String bucket = name.toLowerCase(java.util.Locale.ROOT);
    s3.createBucket(b -> b.bucket(bucket));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> uploads = new ArrayList<>();
    // Keys of 190 characters, as a deep folder layout gives.
    String folder = "archive/" + "x".repeat(160) + "/";
    for (int i = 0; i < files; i++) {
      int n = i;
      String headline =
          shared ? "The Same Headline In Every File" : "Headline Number " + n + " Today";
      String text = "Article " + n + " reports the news of day " + n + ".\n\n\n" + headline + "\n";
      uploads.add(
          pool.submit(
              () ->
                  s3.putObject(
                      b -> b.bucket(bucket).key(folder + String.format("%020d.txt", n)),
                      RequestBody.fromString(text))));
    }
    for (Future<?> f : uploads) {
      f.get();
    }
    pool.shutdown();
    Tables.create(dynamoDb, name);
    long started = System.nanoTime();
    new LocalReindex(dynamoDb, name, s3, bucket, ROUND_MEMORY).run("", true, p -> {});
    double seconds = (System.nanoTime() - started) / 1e9;
    Tables.delete(dynamoDb, name);
    return seconds;
  }
}
