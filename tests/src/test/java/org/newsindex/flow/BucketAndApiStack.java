package org.newsindex.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stack reached the way a user reaches it: its bucket through the AWS SDK's S3 client, its API
 * over HTTP. Waiting polls the file's status, so it works the same on every backend.
 */
abstract class BucketAndApiStack implements NewsindexStack {
  private static final Duration POLL = Duration.ofMillis(250);

  private final S3Client s3;
  private final String bucket;
  private final ApiClient api;
  private final String corpusPrefix;

  BucketAndApiStack(S3Client s3, String bucket, ApiClient api, String corpusPrefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.api = api;
    this.corpusPrefix = corpusPrefix;
  }

  @Override
  public String corpusPrefix() {
    return corpusPrefix;
  }

  @Override
  public String upload(String key, byte[] content) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content))
        .eTag()
        .replace("\"", "");
  }

  @Override
  public void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  @Override
  public JsonNode search(String query) {
    ApiClient.Answer answer = api.get("/search?q=" + encode(query));
    if (answer.status() != 200) {
      throw new AssertionError(
          description()
              + ": search '"
              + query
              + "' answered "
              + answer.status()
              + ": "
              + answer.body());
    }
    return answer.body();
  }

  @Override
  public JsonNode awaitIndexed(String key, String etag) {
    return awaitStatus(
        key,
        s ->
            etag.equals(s.path("etag").asText())
                && (s.path("status").asText().equals("ingested")
                    || s.path("status").asText().equals("rejected")));
  }

  @Override
  public JsonNode awaitDeleted(String key) {
    return awaitStatus(key, s -> s.path("status").asText().equals("deleted"));
  }

  private JsonNode awaitStatus(String key, Predicate<JsonNode> done) {
    String path =
        "/sources/"
            + String.join(
                "/", Arrays.stream(key.split("/", -1)).map(BucketAndApiStack::encode).toList());
    long end = System.nanoTime() + patience().toNanos();
    ApiClient.Answer last = null;
    while (System.nanoTime() < end) {
      last = api.get(path);
      if (last.status() == 200 && done.test(last.body())) {
        return last.body();
      }
      if (last.status() != 200 && last.status() != 404) {
        throw new AssertionError(
            description() + ": GET " + path + " answered " + last.status() + ": " + last.body());
      }
      sleep(POLL);
    }
    throw new AssertionError(
        description()
            + ": "
            + key
            + " did not reach the expected status in "
            + patience()
            + "; last answer: "
            + (last == null ? "none" : last.status() + " " + last.body()));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Closes the S3 client; subclasses close what else they started. */
  @Override
  public void close() {
    s3.close();
  }
}
