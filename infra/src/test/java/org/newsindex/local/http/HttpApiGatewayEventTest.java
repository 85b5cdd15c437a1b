package org.newsindex.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payload 2.0 event a function receives through the local HTTP API, field group by field group,
 * as API Gateway sends it; the test function answers with the event it received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiGatewayEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void rawQuoteBackslashCaretBracesAndPipeInTheQueryReachTheFunctionAsSent() throws Exception {
    String query = "q=\"peace\"\\talks^{x}|y&e=%22a%22";

    RawHttp.Response response =
        RawHttp.send(
            gateway.port(),
            "GET /events/raw?" + query + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n");

    assertEquals(200, response.status(), response.body());
    JsonNode event = JSON.readTree(response.body());
    assertEquals(query, event.path("rawQueryString").asText());
    assertEquals("\"peace\"\\talks^{x}|y", event.path("queryStringParameters").path("q").asText());
    assertEquals("\"a\"", event.path("queryStringParameters").path("e").asText());
  }

  @Test
  void pathIsDecodedAndTheQueryStringKeptAsSentWithItsParametersDecodedAndCommaJoined()
      throws Exception {
    JsonNode event = get("/events/a%20b/c%2Fd+e?x=1%202&y=a+b&x=3&flag");

    assertEquals("/events/a b/c/d+e", event.path("rawPath").asText());
    assertEquals(
        "/events/a b/c/d+e", event.path("requestContext").path("http").path("path").asText());
    assertEquals("a b/c/d+e", event.path("pathParameters").path("proxy").asText());
    assertEquals("x=1%202&y=a+b&x=3&flag", event.path("rawQueryString").asText());
    JsonNode query = event.path("queryStringParameters");
    assertEquals("1 2,3", query.path("x").asText());
    assertEquals("a b", query.path("y").asText());
    assertEquals("", query.path("flag").asText());
  }

  @Test
  void headersAreLowerCasedRepeatsCommaJoinedAndTheForwardingHeadersSetByTheGateway()
      throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            gateway.port(),
            "GET /events/headers HTTP/1.1\r\nHost: h\r\nX-Multi: one\r\nx-multi: two\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n"
                + "User-Agent: raw/1\r\nX-Name: Zoë\r\nConnection: close\r\n");

    JsonNode headers = JSON.readTree(response.body()).path("headers");
    assertEquals("one,two", headers.path("x-multi").asText());
    assertEquals("203.0.113.7, 127.0.0.1", headers.path("x-forwarded-for").asText());
    assertEquals("http", headers.path("x-forwarded-proto").asText());
    assertEquals(Integer.toString(gateway.port()), headers.path("x-forwarded-port").asText());
    assertEquals("0", headers.path("content-length").asText());
    assertEquals("raw/1", headers.path("user-agent").asText());
    assertEquals("Zoë", headers.path("x-name").asText());
    assertTrue(headers.path("x-amzn-trace-id").asText().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"));
    headers.fieldNames().forEachRemaining(name -> assertEquals(name.toLowerCase(), name));
  }

  @Test
  void cookieHeadersBecomeTheCookiesArray() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            gateway.port(),
            "GET /events/cookies HTTP/1.1\r\nHost: h\r\nCookie: a=1; b=2\r\nCookie: c=3\r\n"
                + "Connection: close\r\n");

    JsonNode event = JSON.readTree(response.body());
    assertEquals(
        List.of("a=1", "b=2", "c=3"), JSON.convertValue(event.path("cookies"), List.class));
    assertFalse(event.path("headers").has("cookie"));
  }

  @Test
  void requestContextDescribesTheRequestAndItsIdIsTheResponsesRequestId() throws Exception {
    long before = System.currentTimeMillis();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(gateway.uri("/events/context"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "tester/2")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode event = JSON.readTree(response.body());
    assertEquals("2.0", event.path("version").asText());
    assertEquals("ANY /events/{proxy+}", event.path("routeKey").asText());
    JsonNode context = event.path("requestContext");
    assertEquals("000000000000", context.path("accountId").asText());
    assertEquals("ANY /events/{proxy+}", context.path("routeKey").asText());
    assertEquals("$default", context.path("stage").asText());
    assertEquals("127.0.0.1:" + gateway.port(), context.path("domainName").asText());
    assertEquals("127.0.0.1", context.path("domainPrefix").asText());
    assertEquals(
        response.headers().firstValue("apigw-requestid").orElseThrow(),
        context.path("requestId").asText());
    assertTrue(
        context
            .path("time")
            .asText()
            .matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"),
        context.path("time").asText());
    long epoch = context.path("timeEpoch").asLong();
    assertTrue(epoch >= before && epoch <= System.currentTimeMillis(), "timeEpoch " + epoch);
    JsonNode request = context.path("http");
    assertEquals("DELETE", request.path("method").asText());
    assertEquals("/events/context", request.path("path").asText());
    assertEquals("HTTP/1.1", request.path("protocol").asText());
    assertEquals("127.0.0.1", request.path("sourceIp").asText());
    assertEquals("tester/2", request.path("userAgent").asText());
  }

  @Test
  void bodyIsTextOnlyForTheMediaTypesApiGatewayPassesAsText() throws Exception {
    JsonNode json = post("application/json; charset=utf-8", "{\"a\":\"é\"}");
    JsonNode text = post("text/plain", "plain");
    JsonNode form = post("application/x-www-form-urlencoded", "a=1&b=2");
    JsonNode untyped = post(null, "raw");

    assertEquals("{\"a\":\"é\"}", json.path("body").asText());
    assertFalse(json.path("isBase64Encoded").asBoolean());
    assertEquals(
        Integer.toString("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8).length),
        json.path("headers").path("content-length").asText());
    assertEquals("plain", text.path("body").asText());
    assertFalse(text.path("isBase64Encoded").asBoolean());
    assertEquals(base64("a=1&b=2"), form.path("body").asText());
    assertTrue(form.path("isBase64Encoded").asBoolean());
    assertEquals(base64("raw"), untyped.path("body").asText());
    assertTrue(untyped.path("isBase64Encoded").asBoolean());
  }

  @Test
  void eventLeavesOutWhatTheRequestDoesNotHave() throws Exception {
    JsonNode event = get("/events/bare");

    assertEquals("", event.path("rawQueryString").asText());
    assertTrue(event.path("queryStringParameters").isMissingNode());
    assertTrue(event.path("cookies").isMissingNode());
    assertTrue(event.path("body").isMissingNode());
    assertFalse(event.path("isBase64Encoded").asBoolean());
    assertEquals("bare", event.path("pathParameters").path("proxy").asText());
  }

  private JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(gateway.uri(pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private JsonNode post(String contentType, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.uri("/events/body"))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
