package org.newsindex.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query function against a DynamoDB that never answers (a port that accepts connections and
 * stays silent): what it refuses, it refuses before reading anything; what needs the table, it
 * gives up on by the time the invocation's context gives, with a 503 to retry. Every answer is the
 * API's JSON error.
 */
class QueryHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServerSocket silent;
  private static final AtomicInteger connections = new AtomicInteger();
  private static final List<Socket> held = new ArrayList<>();
  private static QueryHandler handler;

  @BeforeAll
  static void start() throws IOException {
    silent = new ServerSocket(0);
    Thread accepting =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  Socket s = silent.accept();
                  connections.incrementAndGet();
                  synchronized (held) {
                    held.add(s);
                  }
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-dynamodb");
    accepting.setDaemon(true);
    accepting.start();
    handler =
        new QueryHandler(
            Map.of(
                "TABLE_NAME", "index",
                "CURSOR_SIGNING_KEY", "a signing key for this test only, 32+ chars",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + silent.getLocalPort(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-east-1"));
  }

  @AfterAll
  static void stop() throws IOException {
    silent.close();
    synchronized (held) {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private record Answer(int status, Map<String, String> headers, JsonNode body, long millis) {}

  private static Answer get(String path, String query, long remainingMillis) throws IOException {
    APIGatewayV2HTTPEvent event =
        APIGatewayV2HTTPEvent.builder()
            .withRawPath(path)
            .withRawQueryString(query)
            .withRequestContext(
                APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withStage("$default")
                    .withHttp(
                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                            .withMethod("GET")
                            .withPath(path)
                            .build())
                    .build())
            .build();
    long started = System.nanoTime();
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(
            event, PrimingContext.endingAt("query", System.currentTimeMillis() + remainingMillis));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
    return new Answer(
        response.getStatusCode(), response.getHeaders(), JSON.readTree(response.getBody()), millis);
  }

  @Test
  void aSearchTheTableDoesNotAnswerStopsByTheContextsDeadlineWith503() throws IOException {
    Answer a = get("/search", "q=istanbul", 2_500);

    assertEquals(503, a.status(), a.body().toString());
    assertEquals("timeout", a.body().path("error").path("code").asText());
    assertEquals("1", a.headers().get("retry-after"));
    // One second is kept for the answer: the reads stop at about 1.5 s, long before 8 s.
    assertTrue(a.millis() < 2_500, "answered after " + a.millis() + " ms");
  }

  @Test
  void everyRouteThatReadsAnswers503InTimeToo() throws IOException {
    for (String[] request :
        new String[][] {
          {"/health", ""},
          {"/suggest", "prefix=ukr"},
          {"/sources", ""},
          {"/sources/desk/a.txt", ""},
          {"/documents/a0123456789abcdef", ""},
          {"/documents/a0123456789abcdef/sources", ""}
        }) {
      Answer a = get(request[0], request[1], 1_600);

      assertEquals(503, a.status(), request[0] + ": " + a.body());
      assertEquals("1", a.headers().get("retry-after"), request[0]);
      assertTrue(a.millis() < 1_600, request[0] + " answered after " + a.millis() + " ms");
    }
  }

  @Test
  void withNoTimeLeftNothingIsRead() throws IOException {
    int before = connections.get();

    Answer a = get("/search", "q=istanbul", 400);

    assertEquals(503, a.status(), a.body().toString());
    assertEquals(before, connections.get(), "no connection to DynamoDB");
  }

  @Test
  void malformedParametersAreRefusedBeforeAnythingIsRead() throws IOException {
    String key = Base64.getUrlEncoder().encodeToString("k".repeat(1025).getBytes());
    String cjk = "%E4%B8%AD";
    int before = connections.get();
    String[][] refused = {
      {"/suggest", "prefix=a%CC%81"}, // a and a combining accent: one character
      {"/suggest", "prefix=%C2%A0%C2%A0"}, // two no-break spaces: nothing once normalized
      {"/suggest", "prefix=%E1%84%80%E1%85%A1"}, // two Hangul jamo: one syllable
      {"/suggest", "prefix=" + cjk.repeat(334)}, // 1,002 bytes
      {"/sources/" + "a".repeat(1100), ""},
      {"/sources", "prefix=" + cjk.repeat(334)},
      {"/sources", "cursor=" + key},
      {"/search", "q=war&source=" + cjk.repeat(334)},
      {"/search", "q=" + "(".repeat(33) + "war"},
      {"/search", "q=war&source=desk/&cursor=forged"},
      {"/search", "q=war&cursor=" + "A".repeat(2049)},
      {"/search", "q=%zz"},
      {"/search", "q=war&q=peace"},
      {"/search", "q=war&limit=101"},
      {"/search", "q=war&debug=1"},
      {"/documents/" + "a".repeat(3000), ""},
    };
    for (String[] request : refused) {
      Answer a = get(request[0], request[1], 5_000);

      assertTrue(a.status() == 400 || a.status() == 404, request[1] + ": " + a.body());
      assertTrue(
          a.body().path("error").path("message").asText().length() > 10,
          request[1] + ": " + a.body());
    }
    assertEquals(before, connections.get(), "no connection to DynamoDB");
  }

  @Test
  void primingOnATableThatNeverAnswersGivesUpWithinSeconds() {
    long started = System.nanoTime();

    handler.warmUp();

    long millis = (System.nanoTime() - started) / 1_000_000;
    // One listing that waits out the priming context's 10 s (less the second kept to answer), and
    // loading the classes; not the forty-odd requests of the rounds, each waiting as long.
    assertTrue(millis < 15_000, "priming took " + millis + " ms");
  }
}
