package org.newsindex.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newsindex.local.lambda.InvocationRecord;
import org.newsindex.local.lambda.InvocationResult;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** The real template on the real local cloud (dynalite, S3Proxy, the functions' deployable jar). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCloudTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalCloud cloud;

  @BeforeAll
  void start() {
    cloud =
        LocalCloud.builder()
            .projectDir(ProjectLayout.find().orElseThrow().root())
            .apiPort(0)
            .seed(false)
            .retryDelays(List.of(Duration.ofMillis(10)))
            .start();
  }

  @AfterAll
  void stop() {
    cloud.close();
  }

  @Test
  void uploadThroughS3StartsIngestWithTheEventS3Sends() throws Exception {
    String key = "folder/my file+1 é.txt";
    try (S3Client s3 = LocalClients.s3(cloud)) {
      s3.putObject(r -> r.bucket(cloud.bucket()).key(key), RequestBody.fromString("hello world"));
    }

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    InvocationRecord ingest = lastInvocationOf("IngestFunction");
    assertReachedTheHandler(ingest);
    JsonNode record = JSON.readTree(ingest.eventJson()).path("Records").get(0);
    assertEquals("2.1", record.path("eventVersion").asText());
    assertEquals("aws:s3", record.path("eventSource").asText());
    assertEquals("us-east-1", record.path("awsRegion").asText());
    assertEquals("ObjectCreated:Put", record.path("eventName").asText());
    assertTrue(
        record
            .path("eventTime")
            .asText()
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    JsonNode s3 = record.path("s3");
    assertEquals("CorpusChanged", s3.path("configurationId").asText());
    assertEquals(
        "newsindex-corpus-000000000000-us-east-1", s3.path("bucket").path("name").asText());
    assertEquals(
        "arn:aws:s3:::newsindex-corpus-000000000000-us-east-1",
        s3.path("bucket").path("arn").asText());
    assertEquals("folder/my+file%2B1+%C3%A9.txt", s3.path("object").path("key").asText());
    assertEquals(11, s3.path("object").path("size").asLong());
    assertEquals("5eb63bbbe01eeed093cb22bb8f5acdc3", s3.path("object").path("eTag").asText());
    assertTrue(s3.path("object").path("sequencer").asText().matches("[0-9A-F]{18}"));
  }

  @Test
  void deletingAnObjectSendsObjectRemovedWithoutSize() throws Exception {
    try (S3Client s3 = LocalClients.s3(cloud)) {
      s3.putObject(r -> r.bucket(cloud.bucket()).key("gone.txt"), RequestBody.fromString("x"));
      assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
      s3.deleteObject(r -> r.bucket(cloud.bucket()).key("gone.txt"));
    }

    assertTrue(cloud.awaitIdle(Duration.ofSeconds(30)));
    JsonNode record =
        JSON.readTree(lastInvocationOf("IngestFunction").eventJson()).path("Records").get(0);
    assertEquals("ObjectRemoved:Delete", record.path("eventName").asText());
    assertEquals("gone.txt", record.path("s3").path("object").path("key").asText());
    assertTrue(record.path("s3").path("object").path("size").isMissingNode());
  }

  @Test
  void templateRoutesReachTheQueryFunctionAsPayload2() throws Exception {
    HttpResponse<String> health = get("/health");
    assertEquals(200, health.statusCode());
    assertEquals("GET /health", lastEventOf("QueryFunction").path("routeKey").asText());

    get("/documents/abc123");
    JsonNode document = lastEventOf("QueryFunction");
    assertEquals("GET /documents/{id}", document.path("routeKey").asText());
    assertEquals("abc123", document.path("pathParameters").path("id").asText());

    get("/sources/feeds/world/latest");
    assertEquals(
        "feeds/world/latest",
        lastEventOf("QueryFunction").path("pathParameters").path("key").asText());

    get("/search?q=peace+talks&source=a&source=b");
    JsonNode search = lastEventOf("QueryFunction");
    assertEquals("peace talks", search.path("queryStringParameters").path("q").asText());
    assertEquals("a,b", search.path("queryStringParameters").path("source").asText());
    assertEquals("q=peace+talks&source=a&source=b", search.path("rawQueryString").asText());
  }

  @Test
  void unknownPathGoesToTheDefaultRoute() throws Exception {
    get("/no/such/route");

    assertEquals("$default", lastEventOf("QueryFunction").path("routeKey").asText());
  }

  @Test
  void templateTableIsCreatedAndActive() {
    try (DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud)) {
      TableDescription table = dynamoDb.describeTable(r -> r.tableName(cloud.table())).table();
      assertEquals(TableStatus.ACTIVE, table.tableStatus());
      assertEquals(
          List.of("pk", "sk"), table.keySchema().stream().map(k -> k.attributeName()).toList());
    }
  }

  @Test
  void synchronousInvokeReturnsTheSerializedResponse() throws Exception {
    String event =
        "{\"version\":\"2.0\",\"routeKey\":\"GET"
            + " /health\",\"rawPath\":\"/health\",\"rawQueryString\":\"\"}";

    InvocationResult result = cloud.invoke("QueryFunction", event);

    assertTrue(result.succeeded());
    JsonNode response = JSON.readTree(result.response());
    assertEquals(200, response.path("statusCode").asInt());
    assertFalse(response.path("body").asText().isEmpty());
  }

  /**
   * The functions are the lead's and may reject a test file, but our runtime must have delivered
   * it.
   */
  private static void assertReachedTheHandler(InvocationRecord invocation) {
    invocation
        .result()
        .error()
        .ifPresent(
            error ->
                assertFalse(
                    error.type().startsWith("com.amazonaws.services.lambda.runtime.serialization")
                        || error.type().startsWith("java.lang.reflect"),
                    "the event did not reach the handler: " + error.summary()));
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.apiUri() + path)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private InvocationRecord lastInvocationOf(String function) {
    List<InvocationRecord> records =
        cloud.invocations().stream().filter(r -> r.functionLogicalId().equals(function)).toList();
    assertFalse(records.isEmpty(), function + " was never invoked");
    return records.get(records.size() - 1);
  }

  private JsonNode lastEventOf(String function) throws Exception {
    return JSON.readTree(lastInvocationOf(function).eventJson());
  }
}
