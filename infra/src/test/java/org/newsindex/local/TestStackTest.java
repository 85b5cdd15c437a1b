package org.newsindex.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.newsindex.local.lambda.FailedEvent;
import org.newsindex.local.lambda.InvocationRecord;
import org.newsindex.local.lambda.InvocationResult;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The local cloud running a small test stack whose handlers are built from the test classes:
 * routing, errors, retries, environment, context, timeouts and schedules, with state in a data
 * directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Path dataDirectory;
  private static final double SCHEDULE_SPEEDUP = 300; // rate(1 minute) runs every 200 ms
  private LocalCloud cloud;
  private Instant ready;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    Path template = TestProjects.testTemplate(directory);
    dataDirectory = directory.resolve("data");
    cloud =
        LocalCloud.builder()
            .projectDir(ProjectLayout.find().orElseThrow().root())
            .template(template)
            .apiPort(0)
            .seed(false)
            .dataDir(Optional.of(dataDirectory))
            .retryDelays(List.of(Duration.ofMillis(20), Duration.ofMillis(40)))
            .scheduleSpeedup(SCHEDULE_SPEEDUP)
            .start();
    ready = Instant.now();
  }

  @AfterAll
  void stop() {
    cloud.close();
  }

  @Test
  void requestMatchingNoRouteGetsApiGateways404() throws Exception {
    HttpResponse<String> response = send("GET", "/nowhere");

    assertEquals(404, response.statusCode());
    assertEquals("{\"message\":\"Not Found\"}", response.body());
  }

  @Test
  void wrongMethodOnAnExistingPathIs404WithoutDefaultRoute() throws Exception {
    assertEquals(404, send("POST", "/items/42").statusCode());
  }

  @Test
  void handlerExceptionGivesApiGateways500() throws Exception {
    HttpResponse<String> response = send("GET", "/boom");

    assertEquals(500, response.statusCode());
    assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
  }

  @Test
  void literalRouteBeatsParameterRouteAndHandlerResponseIsMapped() throws Exception {
    HttpResponse<String> special = send("GET", "/items/special");
    HttpResponse<String> item = send("GET", "/items/42");

    assertEquals("ANY /items/special null", special.body());
    assertEquals("GET /items/{id} {id=42}", item.body());
    assertEquals("text/plain", item.headers().firstValue("content-type").orElse(""));
    assertEquals(List.of("seen=1; Path=/"), item.headers().allValues("set-cookie"));
  }

  @Test
  void greedyRouteTakesTheRestOfThePath() throws Exception {
    assertEquals("ANY /files/{path+} {path=a/b/c.txt}", send("DELETE", "/files/a/b/c.txt").body());
  }

  @Test
  void s3EventsFollowTheKeyFilter() throws Exception {
    int before = invocationsOf("EchoFunction").size();
    try (S3Client s3 = LocalClients.s3(cloud)) {
      for (String key : List.of("in/a.txt", "in/a.json", "out/a.txt")) {
        s3.putObject(r -> r.bucket(cloud.bucket()).key(key), RequestBody.fromString(key));
      }
    }

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    List<InvocationRecord> echoes = invocationsOf("EchoFunction");
    assertEquals(before + 1, echoes.size());
    JsonNode object =
        JSON.readTree(echoes.get(echoes.size() - 1).eventJson())
            .path("Records")
            .get(0)
            .path("s3")
            .path("object");
    assertEquals("in/a.txt", object.path("key").asText());
  }

  @Test
  void copyMultipartUploadAndBatchDeleteAreReportedUnderTheirOwnNames() throws Exception {
    try (S3Client s3 = LocalClients.s3(cloud)) {
      s3.putObject(
          r -> r.bucket(cloud.bucket()).key("in/source.txt"), RequestBody.fromString("abc"));
      s3.copyObject(
          r ->
              r.sourceBucket(cloud.bucket())
                  .sourceKey("in/source.txt")
                  .destinationBucket(cloud.bucket())
                  .destinationKey("in/copy.txt"));
      String upload =
          s3.createMultipartUpload(r -> r.bucket(cloud.bucket()).key("in/parts.txt")).uploadId();
      String eTag =
          s3.uploadPart(
                  r -> r.bucket(cloud.bucket()).key("in/parts.txt").uploadId(upload).partNumber(1),
                  RequestBody.fromString("part"))
              .eTag();
      s3.completeMultipartUpload(
          r ->
              r.bucket(cloud.bucket())
                  .key("in/parts.txt")
                  .uploadId(upload)
                  .multipartUpload(
                      m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));
      s3.deleteObjects(
          r ->
              r.bucket(cloud.bucket())
                  .delete(
                      d ->
                          d.objects(
                              Stream.of("in/copy.txt", "in/parts.txt", "in/never.txt")
                                  .map(key -> ObjectIdentifier.builder().key(key).build())
                                  .toList())));
    }

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    List<String> events =
        invocationsOf("EchoFunction").stream()
            .map(r -> readRecord(r.eventJson()))
            .filter(
                record ->
                    record
                        .path("s3")
                        .path("object")
                        .path("key")
                        .asText()
                        .matches("in/(source|copy|parts).txt"))
            // Events run concurrently; the sequencer tells their order on the bucket.
            .sorted(
                Comparator.comparing(
                    record -> record.path("s3").path("object").path("sequencer").asText()))
            .map(
                record ->
                    record.path("eventName").asText()
                        + " "
                        + record.path("s3").path("object").path("key").asText())
            .toList();
    assertEquals(
        List.of(
            "ObjectCreated:Put in/source.txt",
            "ObjectCreated:Copy in/copy.txt",
            "ObjectCreated:CompleteMultipartUpload in/parts.txt",
            "ObjectRemoved:Delete in/copy.txt",
            "ObjectRemoved:Delete in/parts.txt"),
        events);
  }

  @Test
  void failedAsyncEventIsRetriedTwiceThenRecorded() throws Exception {
    try (S3Client s3 = LocalClients.s3(cloud)) {
      s3.putObject(r -> r.bucket(cloud.bucket()).key("fail/one.txt"), RequestBody.fromString("x"));
    }

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    List<Integer> attempts =
        invocationsOf("FailingFunction").stream()
            .filter(r -> r.source().contains("fail/one.txt"))
            .map(InvocationRecord::attempt)
            .toList();
    assertEquals(List.of(1, 2, 3), attempts);
    FailedEvent failure =
        cloud.failures().stream()
            .filter(f -> f.source().contains("fail/one.txt"))
            .findFirst()
            .orElseThrow();
    assertEquals("FailingFunction", failure.functionLogicalId());
    assertEquals(3, failure.attempts());
    assertEquals("java.lang.IllegalStateException", failure.errorType());
    assertEquals("boom", failure.errorMessage());
    String file = Files.readString(dataDirectory.resolve("failed-events.jsonl"));
    JsonNode line =
        JSON.readTree(
            file.lines().filter(l -> l.contains("fail/one.txt")).findFirst().orElseThrow());
    assertEquals(3, line.path("attempts").asInt());
    assertEquals(
        "fail/one.txt",
        line.path("event").path("Records").get(0).path("s3").path("object").path("key").asText());
  }

  @Test
  void rateScheduleInvokesItsFunctionAtTheSpedUpRateWithEventBridgesEvent() throws Exception {
    List<InvocationRecord> ticks = awaitInvocations("ScheduledFunction", "schedule Tick rate", 5);

    Instant first = ticks.get(0).time();
    assertTrue(first.isAfter(ready.plusMillis(100)), "first run " + first + " soon after " + ready);
    long meanMillis = Duration.between(first, ticks.get(4).time()).toMillis() / 4;
    assertTrue(meanMillis >= 100 && meanMillis <= 400, "runs every " + meanMillis + " ms");
    assertTrue(ticks.stream().allMatch(r -> r.attempt() == 1 && r.result().succeeded()));
    JsonNode event = JSON.readTree(ticks.get(0).eventJson());
    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "version",
            "id",
            "detail-type",
            "source",
            "account",
            "time",
            "region",
            "resources",
            "detail"),
        fields);
    assertEquals("0", event.path("version").asText());
    assertEquals(event.path("id").asText(), UUID.fromString(event.path("id").asText()).toString());
    assertEquals("Scheduled Event", event.path("detail-type").asText());
    assertEquals("aws.events", event.path("source").asText());
    assertEquals("000000000000", event.path("account").asText());
    assertTrue(
        event.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
        event.path("time").asText());
    assertEquals("us-east-1", event.path("region").asText());
    assertEquals(
        "[\"arn:aws:events:us-east-1:000000000000:rule/newsindex-ScheduledFunctionTick\"]",
        event.path("resources").toString());
    assertEquals("{}", event.path("detail").toString());
    assertFalse(ticks.get(0).eventJson().equals(ticks.get(1).eventJson()), "a new id each time");
  }

  @Test
  void fireScheduleQueuesTheEventAtOnceEvenWhenTheScheduleIsDisabled() throws Exception {
    String event = cloud.fireSchedule("SweepFunction");

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    assertEquals("{\"mode\": \"full\"}", event);
    List<InvocationRecord> sweeps = invocationsOf("SweepFunction");
    assertEquals(1, sweeps.size(), "the disabled schedule never ran on its own");
    assertEquals("schedule Sweep fired", sweeps.get(0).source());
    assertEquals(event, sweeps.get(0).eventJson());
    assertTrue(sweeps.get(0).result().succeeded());
  }

  @Test
  void firedScheduleThatFailsIsRetriedAndRecordedLikeAnS3Event() throws Exception {
    String event = cloud.fireSchedule("FailingFunction", "Nightly");

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    assertEquals(
        List.of(1, 2, 3),
        invocationsOf("FailingFunction").stream()
            .filter(r -> r.source().equals("schedule Nightly fired"))
            .map(InvocationRecord::attempt)
            .toList());
    FailedEvent failure =
        cloud.failures().stream()
            .filter(f -> f.source().equals("schedule Nightly fired"))
            .findFirst()
            .orElseThrow();
    assertEquals(event, failure.eventJson());
    assertEquals(
        "arn:aws:events:us-east-1:000000000000:rule/newsindex-FailingFunctionNightly",
        JSON.readTree(event).path("resources").path(0).asText());
  }

  @Test
  void fireScheduleNeedsAFunctionWithASchedule() {
    assertThrows(IllegalArgumentException.class, () -> cloud.fireSchedule("EchoFunction"));
    assertThrows(
        IllegalArgumentException.class, () -> cloud.fireSchedule("ScheduledFunction", "Nope"));
  }

  @Test
  void functionEnvironmentMergesGlobalsAndAddsLambdaAndLocalEndpoints() throws Exception {
    InvocationResult result = cloud.invoke("EnvironmentFunction", "{}");

    JsonNode environment = JSON.readTree(result.response());
    assertEquals("local", environment.path("SHARED").asText());
    assertEquals("newsindex-Table", environment.path("TABLE_NAME").asText());
    assertEquals("testing", environment.path("MODE").asText());
    assertTrue(environment.path("PROD_ONLY").isMissingNode());
    assertEquals(
        "arn:aws:sqs:us-east-1:000000000000:newsindex-Queue",
        environment.path("QUEUE_ARN").asText());
    assertEquals(64, environment.path("SECRET").asText().length());
    assertEquals(
        cloud.dynamoDbEndpoint().toString(), environment.path("DYNAMODB_ENDPOINT").asText());
    assertEquals(cloud.s3Endpoint().toString(), environment.path("S3_ENDPOINT").asText());
    assertEquals("us-east-1", environment.path("AWS_REGION").asText());
    assertEquals(
        "newsindex-EnvironmentFunction", environment.path("AWS_LAMBDA_FUNCTION_NAME").asText());
    assertEquals("256", environment.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
    assertEquals("$LATEST", environment.path("AWS_LAMBDA_FUNCTION_VERSION").asText());
    assertEquals("local", environment.path("AWS_ACCESS_KEY_ID").asText());
  }

  @Test
  void handlerGetsAContextFromItsOwnClassLoader() throws Exception {
    InvocationResult result = cloud.invoke("ContextFunction", "{}");

    assertTrue(result.succeeded(), () -> result.error().toString());
    JsonNode context = JSON.readTree(result.response());
    assertEquals(result.requestId(), context.path("requestId").asText());
    assertEquals("newsindex-ContextFunction", context.path("functionName").asText());
    assertEquals(
        "arn:aws:lambda:us-east-1:000000000000:function:newsindex-ContextFunction",
        context.path("arn").asText());
    assertEquals(256, context.path("memory").asInt());
    int remaining = context.path("remaining").asInt();
    assertTrue(remaining > 0 && remaining <= 5000, "remaining " + remaining);
    assertEquals("lambda:ContextFunction", context.path("classLoader").asText());
    assertEquals(List.of("context handler called"), result.logs());
  }

  @Test
  void aFailedInvocationKeepsWhatItLoggedBeforeItFailed() {
    InvocationResult result = cloud.invoke("ContextFunction", "{\"fail\": true}");

    assertFalse(result.succeeded());
    assertEquals(List.of("context handler called"), result.logs());
  }

  @Test
  void functionRunningPastItsTimeoutFails() {
    InvocationResult result = cloud.invoke("SlowFunction", "{}");

    assertFalse(result.succeeded());
    assertEquals("Sandbox.Timedout", result.error().orElseThrow().type());
  }

  @Test
  void tablesFollowTheirConditionsAndKeepTheirIndexes() {
    try (DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud)) {
      assertEquals(List.of("newsindex-Table"), dynamoDb.listTables().tableNames());
      assertEquals(
          "byGroup",
          dynamoDb
              .describeTable(r -> r.tableName("newsindex-Table"))
              .table()
              .globalSecondaryIndexes()
              .get(0)
              .indexName());
    }
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(cloud.apiUri() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode readRecord(String eventJson) {
    try {
      return JSON.readTree(eventJson).path("Records").path(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a function's first invocations whose source starts with a prefix, oldest first. */
  private List<InvocationRecord> awaitInvocations(String function, String source, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      List<InvocationRecord> found =
          invocationsOf(function).stream().filter(r -> r.source().startsWith(source)).toList();
      if (found.size() >= count) {
        return found.subList(0, count);
      }
      assertTrue(
          System.nanoTime() < deadline, "only " + found.size() + " invocations by " + source);
      Thread.sleep(50);
    }
  }

  private List<InvocationRecord> invocationsOf(String function) {
    return cloud.invocations().stream()
        .filter(r -> r.functionLogicalId().equals(function))
        .toList();
  }
}
