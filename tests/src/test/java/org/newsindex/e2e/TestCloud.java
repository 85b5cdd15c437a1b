package org.newsindex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.newsindex.TestProject;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.local.LocalClients;
import org.newsindex.local.LocalCloud;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local cloud for one test class, on ephemeral ports, with the clients a test needs: S3 and
 * DynamoDB through the real SDK, and the HTTP API through java.net.http. Every API response is
 * checked against the OpenAPI contract before a test sees it. A test class registers one as a JUnit
 * extension ({@code @RegisterExtension static final TestCloud cloud = TestCloud.seeded();}): it
 * starts before the class's tests and stops after them.
 */
final class TestCloud implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ApiContract CONTRACT = ApiContract.load(ApiContract.source(TestProject.dir()));

  private final boolean seed;
  LocalCloud cloud;
  S3Client s3;
  DynamoDbClient dynamoDb;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestCloud(boolean seed) {
    this.seed = seed;
  }

  /** A cloud loaded with the seed corpus. */
  static TestCloud seeded() {
    return new TestCloud(true);
  }

  /** An empty cloud. */
  static TestCloud empty() {
    return new TestCloud(false);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the cloud (the extension does this before a class's tests). */
  TestCloud start() {
    cloud =
        LocalCloud.builder()
            .projectDir(TestProject.dir())
            .apiPort(0)
            .seed(seed)
            .concurrency(4)
            .runSchedules(false)
            .retryDelays(List.of(Duration.ofMillis(200), Duration.ofMillis(400)))
            .start();
    s3 = LocalClients.s3(cloud);
    dynamoDb = LocalClients.dynamoDb(cloud);
    return this;
  }

  /** A started cloud, for a test that manages it itself (try-with-resources). */
  static TestCloud start(boolean seed) {
    return new TestCloud(seed).start();
  }

  /**
   * An HTTP answer that matched the contract: status, content type, the body as sent, and the body
   * parsed (a JSON answer's tree; a text node for HTML, CSS or JavaScript).
   */
  record Answer(int status, String contentType, String text, JsonNode body) {}

  /** {@code GET} a path and query of the API; the answer must match the OpenAPI contract. */
  Answer get(String pathAndQuery) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(cloud.apiUri().resolve(pathAndQuery)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      String contentType = response.headers().firstValue("content-type").orElse("");
      CONTRACT.check("GET", pathAndQuery, response.statusCode(), contentType, response.body());
      JsonNode body =
          contentType.startsWith("application/json")
              ? JSON.readTree(response.body())
              : JSON.getNodeFactory().textNode(response.body());
      return new Answer(response.statusCode(), contentType, response.body(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code GET /search?q=...&extra}, expecting 200. */
  JsonNode search(String q, String extra) {
    Answer a = get("/search?q=" + encode(q) + (extra.isEmpty() ? "" : "&" + extra));
    if (a.status() != 200) {
      throw new AssertionError("search '" + q + "' answered " + a.status() + ": " + a.body());
    }
    return a.body();
  }

  JsonNode search(String q) {
    return search(q, "");
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An S3 key as a URL path: each segment percent-encoded, the slashes kept. */
  static String encodePath(String key) {
    return String.join(
        "/", java.util.Arrays.stream(key.split("/", -1)).map(TestCloud::encode).toList());
  }

  void upload(String key, byte[] content) {
    s3.putObject(b -> b.bucket(cloud.bucket()).key(key), RequestBody.fromBytes(content));
  }

  /** Uploads with user metadata ({@code published} becomes {@code x-amz-meta-published}). */
  void upload(String key, String content, java.util.Map<String, String> metadata) {
    s3.putObject(
        b -> b.bucket(cloud.bucket()).key(key).metadata(metadata),
        RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  /** Copies an object onto itself with new user metadata: same bytes, same eTag, new event. */
  void replaceMetadata(String key, java.util.Map<String, String> metadata) {
    s3.copyObject(
        b ->
            b.sourceBucket(cloud.bucket())
                .sourceKey(key)
                .destinationBucket(cloud.bucket())
                .destinationKey(key)
                .metadata(metadata)
                .metadataDirective(
                    software.amazon.awssdk.services.s3.model.MetadataDirective.REPLACE));
  }

  /** When S3 says the object was last stored. */
  java.time.Instant lastModified(String key) {
    return s3.headObject(b -> b.bucket(cloud.bucket()).key(key)).lastModified();
  }

  void upload(String key, String content) {
    upload(key, content.getBytes(StandardCharsets.UTF_8));
  }

  void delete(String key) {
    s3.deleteObject(b -> b.bucket(cloud.bucket()).key(key));
  }

  /** Waits until every S3 event has been handled (ingest retries included). */
  void settle() {
    settle(Duration.ofSeconds(120));
  }

  void settle(Duration timeout) {
    if (!cloud.awaitIdle(timeout)) {
      throw new AssertionError("the local cloud did not become idle within " + timeout);
    }
  }

  /**
   * Waits until no file is pending: after a bulk upload on a loaded machine the last writer may
   * stop at its deadline with events still waiting, which on AWS the minute's sweep folds; tests
   * run no schedules, so this sends the sweep's event itself, as the schedule would, until none is
   * left.
   */
  void settleAll(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    settle(timeout);
    while (get("/health").body().path("pending_files").asInt() > 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError("files still pending after " + timeout);
      }
      cloud.fireSchedule("CompactFunction");
      settle(timeout);
      sleep(2_000);
    }
  }

  /** Polls until the predicate holds for the search's JSON, failing after the timeout. */
  JsonNode awaitSearch(String q, Predicate<JsonNode> until, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      last = search(q);
      if (until.test(last)) {
        return last;
      }
      sleep(50);
    }
    throw new AssertionError(
        "search '" + q + "' did not reach the expected state in " + timeout + "; last: " + last);
  }

  /** Fails with the drift unless the consistency check finds none in the local cloud's table. */
  void assertConsistent() {
    Consistency.assertNoDrift(IndexSnapshot.load(dynamoDb, cloud.table()), "");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  URI api() {
    return cloud.apiUri();
  }

  @Override
  public void close() {
    s3.close();
    dynamoDb.close();
    cloud.close();
  }
}
