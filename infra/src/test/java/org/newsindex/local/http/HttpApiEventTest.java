package org.newsindex.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.HttpRouteSpec;

class HttpApiEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpApiEvent.Gateway GATEWAY =
      new HttpApiEvent.Gateway(
          "000000000000",
          "abcdefghij",
          "$default",
          "req-1",
          Instant.parse("2026-03-04T05:06:07Z"),
          3000);
  private static final RouteMatch SEARCH =
      new RouteMatch(new HttpRouteSpec("Fn", "Search", "Api", "GET", "/search"), Map.of());

  private static JsonNode event(HttpApiRequest request, RouteMatch match) throws Exception {
    return JSON.readTree(HttpApiEvent.json(request, match, GATEWAY));
  }

  private static HttpApiRequest get(String path, String query, Map<String, List<String>> headers) {
    return new HttpApiRequest("GET", path, query, headers, new byte[0], "127.0.0.1", "HTTP/1.1");
  }

  @Test
  void repeatedQueryParametersAreDecodedAndCommaJoined() throws Exception {
    JsonNode event = event(get("/search", "q=peace+talks&tag=a&tag=b%2Cc&empty", Map.of()), SEARCH);

    assertEquals("q=peace+talks&tag=a&tag=b%2Cc&empty", event.path("rawQueryString").asText());
    JsonNode query = event.path("queryStringParameters");
    assertEquals("peace talks", query.path("q").asText());
    assertEquals("a,b,c", query.path("tag").asText());
    assertEquals("", query.path("empty").asText());
  }

  @Test
  void cookiesLeaveTheHeadersForTheirOwnList() throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Cookie", List.of("a=1; b=2", "c=3"));
    headers.put("X-Multi", List.of("one", "two"));
    headers.put("Host", List.of("localhost:3000"));

    JsonNode event = event(get("/search", "", headers), SEARCH);

    assertEquals(
        List.of("a=1", "b=2", "c=3"), JSON.convertValue(event.path("cookies"), List.class));
    assertFalse(event.path("headers").has("cookie"));
    assertEquals("one,two", event.path("headers").path("x-multi").asText());
    assertEquals("localhost", event.path("requestContext").path("domainPrefix").asText());
  }

  @Test
  void eventCarriesVersionRouteAndRequestContext() throws Exception {
    Map<String, List<String>> headers = Map.of("User-Agent", List.of("curl/8"));
    JsonNode event = event(get("/search", "", headers), SEARCH);

    assertEquals("2.0", event.path("version").asText());
    assertEquals("GET /search", event.path("routeKey").asText());
    assertEquals("/search", event.path("rawPath").asText());
    assertTrue(event.path("queryStringParameters").isMissingNode());
    assertTrue(event.path("pathParameters").isMissingNode());
    assertTrue(event.path("body").isMissingNode());
    assertFalse(event.path("isBase64Encoded").asBoolean());
    JsonNode context = event.path("requestContext");
    assertEquals("000000000000", context.path("accountId").asText());
    assertEquals("abcdefghij", context.path("apiId").asText());
    assertEquals("GET /search", context.path("routeKey").asText());
    assertEquals("$default", context.path("stage").asText());
    assertEquals("req-1", context.path("requestId").asText());
    assertEquals("04/Mar/2026:05:06:07 +0000", context.path("time").asText());
    assertEquals(
        Instant.parse("2026-03-04T05:06:07Z").toEpochMilli(), context.path("timeEpoch").asLong());
    JsonNode http = context.path("http");
    assertEquals("GET", http.path("method").asText());
    assertEquals("/search", http.path("path").asText());
    assertEquals("HTTP/1.1", http.path("protocol").asText());
    assertEquals("127.0.0.1", http.path("sourceIp").asText());
    assertEquals("curl/8", http.path("userAgent").asText());
  }

  @Test
  void pathParametersAndTextBodyAreIncluded() throws Exception {
    RouteMatch document =
        new RouteMatch(
            new HttpRouteSpec("Fn", "Doc", "Api", "POST", "/documents/{id}"), Map.of("id", "d 1"));
    HttpApiRequest request =
        new HttpApiRequest(
            "POST",
            "/documents/d 1",
            "",
            Map.of("Content-Type", List.of("application/json")),
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            "127.0.0.1",
            "HTTP/1.1");

    JsonNode event = event(request, document);

    assertEquals("d 1", event.path("pathParameters").path("id").asText());
    assertEquals("{\"a\":1}", event.path("body").asText());
    assertFalse(event.path("isBase64Encoded").asBoolean());
  }

  @Test
  void binaryBodyIsBase64Encoded() throws Exception {
    HttpApiRequest request =
        new HttpApiRequest(
            "POST",
            "/search",
            "",
            Map.of("Content-Type", List.of("application/octet-stream")),
            new byte[] {0, 1, 2},
            "127.0.0.1",
            "HTTP/1.1");

    JsonNode event = event(request, SEARCH);

    assertEquals("AAEC", event.path("body").asText());
    assertTrue(event.path("isBase64Encoded").asBoolean());
  }

  @Test
  void gatewayAppendsTheCallerToForwardedForAndStatesPortProtocolAndLength() throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Forwarded-For", List.of("203.0.113.7"));
    headers.put("X-Forwarded-Port", List.of("443"));
    headers.put("Transfer-Encoding", List.of("chunked"));
    HttpApiRequest request =
        new HttpApiRequest(
            "POST",
            "/search",
            "",
            headers,
            "abc".getBytes(StandardCharsets.UTF_8),
            "127.0.0.1",
            "HTTP/1.1");

    JsonNode sent = event(request, SEARCH).path("headers");

    assertEquals("203.0.113.7, 127.0.0.1", sent.path("x-forwarded-for").asText());
    assertEquals("3000", sent.path("x-forwarded-port").asText());
    assertEquals("http", sent.path("x-forwarded-proto").asText());
    assertEquals("3", sent.path("content-length").asText());
    assertFalse(sent.has("transfer-encoding"));
  }

  @Test
  void formsAndUntypedBodiesAreBase64AsApiGatewaySendsThem() throws Exception {
    for (String type : new String[] {"application/x-www-form-urlencoded", null, "image/png"}) {
      Map<String, List<String>> headers =
          type == null ? Map.of() : Map.of("Content-Type", List.of(type));
      HttpApiRequest request =
          new HttpApiRequest(
              "POST",
              "/search",
              "",
              headers,
              "a=1".getBytes(StandardCharsets.UTF_8),
              "127.0.0.1",
              "HTTP/1.1");

      JsonNode event = event(request, SEARCH);

      assertEquals("YT0x", event.path("body").asText(), String.valueOf(type));
      assertTrue(event.path("isBase64Encoded").asBoolean(), String.valueOf(type));
    }
  }

  @Test
  void textMediaTypesWithParametersStayText() throws Exception {
    for (String type :
        new String[] {"Application/JSON; charset=utf-8", "text/csv", "application/xml"}) {
      HttpApiRequest request =
          new HttpApiRequest(
              "POST",
              "/search",
              "",
              Map.of("Content-Type", List.of(type)),
              "é".getBytes(StandardCharsets.UTF_8),
              "127.0.0.1",
              "HTTP/1.1");

      JsonNode event = event(request, SEARCH);

      assertEquals("é", event.path("body").asText(), type);
      assertFalse(event.path("isBase64Encoded").asBoolean(), type);
    }
  }

  @Test
  void namedStagePrefixesTheRawPath() throws Exception {
    HttpApiEvent.Gateway prod =
        new HttpApiEvent.Gateway("0", "id", "prod", "r", Instant.EPOCH, 3000);

    JsonNode event = JSON.readTree(HttpApiEvent.json(get("/search", "", Map.of()), SEARCH, prod));

    assertEquals("/prod/search", event.path("rawPath").asText());
    assertEquals("prod", event.path("requestContext").path("stage").asText());
  }
}
