package org.newsindex.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.newsindex.local.lambda.FunctionError;
import org.newsindex.local.lambda.InvocationRecord;

/**
 * The local HTTP API refuses what API Gateway and Lambda refuse, with their statuses and a JSON
 * body, never an HTML page: heads over 10,240 bytes, bodies over 10 MB, events and responses over
 * Lambda's 6 MB, functions that fail or outlast the integration timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiGatewayLimitsTest {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestGateway gateway;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    gateway = new TestGateway(directory);
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void requestLineOverTheLimitIsRefusedWith414AsJson() throws Exception {
    int before = gateway.invocationsOf("EventEchoFunction").size();

    HttpResponse<String> response = get("/events/long?q=" + "a".repeat(10_240));

    assertJsonError(414, "An HTTP line is larger than 10240 bytes.", response);
    assertEquals(before, gateway.invocationsOf("EventEchoFunction").size());
  }

  @Test
  void headerValuesThatTakeTheHeadOverTheLimitAreRefusedWith431AsJson() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(gateway.uri("/events/big"))
            .header("X-Big", "b".repeat(10_000))
            .header("X-Bigger", "c".repeat(1_000))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertJsonError(431, "HTTP header is larger than 10240 bytes.", response);
  }

  @Test
  void headOfExactlyTheLimitIsServedAndOneByteMoreIsNot() throws Exception {
    String requestLine = "GET /events/exact HTTP/1.1";
    String host = "127.0.0.1:" + gateway.port();
    // Counted as API Gateway counts: the request line and the header values, not the names.
    int padding =
        RequestLimits.HEAD_BYTES - requestLine.length() - host.length() - "close".length();

    RawHttp.Response atLimit = RawHttp.send(gateway.port(), head(requestLine, host, padding));
    RawHttp.Response overLimit = RawHttp.send(gateway.port(), head(requestLine, host, padding + 1));

    assertEquals(200, atLimit.status(), atLimit.body());
    assertEquals(431, overLimit.status());
    assertEquals("application/json", overLimit.header("content-type"));
    assertEquals("{\"message\":\"HTTP header is larger than 10240 bytes.\"}", overLimit.body());
  }

  @Test
  void headsFarOverTheLimitAreStillRefusedWithJsonNotJettysPage() throws Exception {
    RawHttp.Response longLine =
        RawHttp.send(
            gateway.port(),
            "GET /events/x?q="
                + "a".repeat(70_000)
                + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n");
    RawHttp.Response bigHeaders =
        RawHttp.send(
            gateway.port(),
            "GET /events/x HTTP/1.1\r\nHost: h\r\nX-Big: "
                + "b".repeat(70_000)
                + "\r\nConnection: close\r\n");

    assertEquals(414, longLine.status());
    assertEquals("{\"message\":\"An HTTP line is larger than 10240 bytes.\"}", longLine.body());
    assertEquals(431, bigHeaders.status());
    assertEquals("{\"message\":\"HTTP header is larger than 10240 bytes.\"}", bigHeaders.body());
    assertEquals("application/json", bigHeaders.header("content-type"));
  }

  @Test
  void malformedRequestLineIsRefusedWithJsonNotAnHtmlPage() throws Exception {
    RawHttp.Response response =
        RawHttp.send(gateway.port(), "GET /events/a\u0001b HTTP/1.1\r\nHost: h\r\n");

    assertEquals(400, response.status());
    assertEquals("application/json", response.header("content-type"));
    assertEquals("{\"message\":\"Bad Request\"}", response.body());
  }

  @Test
  void bodyOverTenMegabytesIsRefusedWith413() throws Exception {
    HttpResponse<String> response = post("/events/upload", RequestLimits.PAYLOAD_BYTES + 1);

    assertJsonError(413, "HTTP content length exceeded 10485760 bytes.", response);
  }

  @Test
  void eventOverLambdasSixMegabytesIsRefusedWith413WithoutInvokingTheFunction() throws Exception {
    int before = gateway.invocationsOf("EventEchoFunction").size();

    HttpResponse<String> response = post("/events/upload", 7 * 1024 * 1024);

    assertJsonError(413, "Request Too Long", response);
    assertEquals(before, gateway.invocationsOf("EventEchoFunction").size());
  }

  @Test
  void responseOfExactlySixMegabytesIsServed() throws Exception {
    HttpResponse<String> response = get("/sized?bytes=" + 6_291_556);

    assertEquals(200, response.statusCode());
    // The serialized response is a JSON string: its quotes are not part of the body.
    assertEquals(6_291_554, response.body().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void responseOverSixMegabytesInUtf8BytesFailsAsLambdaFailsIt() throws Exception {
    // 3,145,778 characters: far under the limit in characters, one byte over it in UTF-8.
    HttpResponse<String> response = get("/sized?bytes=" + 6_291_557 + "&wide=true");

    assertJsonError(500, "Internal Server Error", response);
    List<InvocationRecord> sized = gateway.invocationsOf("SizedResponseFunction");
    FunctionError error = sized.get(sized.size() - 1).result().error().orElseThrow();
    assertEquals("Function.ResponseSizeTooLarge", error.type());
    assertEquals(
        "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
        error.message());
  }

  @Test
  void functionThatTimesOutGives500() throws Exception {
    assertJsonError(500, "Internal Server Error", get("/slow/function-timeout"));
  }

  @Test
  void functionThatOutlastsTheIntegrationTimeoutGives503() throws Exception {
    // The route's TimeoutInMillis is 300 ms; the function's own timeout (1 s) would give a 500.
    assertJsonError(503, "Service Unavailable", get("/slow/integration-timeout"));
  }

  @Test
  void requestMatchingNoRouteGets404AsJsonWithARequestId() throws Exception {
    HttpResponse<String> response = get("/nowhere");

    assertJsonError(404, "Not Found", response);
    assertTrue(
        response.headers().firstValue("apigw-requestid").orElse("").matches("[A-Za-z0-9+/]{15}="),
        response.headers().toString());
  }

  private static String head(String requestLine, String host, int padding) {
    return requestLine
        + "\r\nHost: "
        + host
        + "\r\nX-Pad: "
        + "p".repeat(padding)
        + "\r\nConnection: close\r\n";
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(gateway.uri(pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, int bytes) throws Exception {
    byte[] body = new byte[bytes];
    java.util.Arrays.fill(body, (byte) 'x');
    HttpRequest request =
        HttpRequest.newBuilder(gateway.uri(path))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertJsonError(int status, String message, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    assertEquals("{\"message\":\"" + message + "\"}", response.body());
  }
}
