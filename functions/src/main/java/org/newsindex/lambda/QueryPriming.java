package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.newsindex.api.Json;

/**
 * The query function's SnapStart priming: the requests a first caller makes, each delivered as the
 * runtime delivers it (payload 2.0 JSON read by the runtime's serializer, the handler with a
 * context, the response written back to JSON), against the function's own table and reading only.
 * The words searched for come from the newest document in the index, so that the search runs end to
 * end (postings, scoring, facets, snippets, a signed cursor and its check) on whatever the table
 * holds; on an empty table the same code runs as far as the data lets it. A table that does not
 * answer ends priming after its first request (which gives up within the priming context's time),
 * since every further request would only wait the same way.
 */
final class QueryPriming {
  /** Rounds of the requests: the first loads classes, the next ones let the JIT compile them. */
  private static final int ROUNDS = 4;

  private static final List<String> FALLBACK_WORDS = List.of("news", "report");

  private final QueryHandler handler;
  private final Optional<RuntimeSerialization<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>
      serialization =
          RuntimeSerialization.find(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
  private final PrimingContext context = new PrimingContext("QueryFunction");
  private final ObjectNode eventTemplate = readEventTemplate();

  QueryPriming(QueryHandler handler) {
    this.handler = handler;
  }

  void run() {
    for (int i = 0; i < ROUNDS && round(); i++) {}
  }

  /** One round of the requests; false if the table did not answer the first. */
  private boolean round() {
    JsonNode newest = get("/search", "limit=3");
    if (!newest.has("results")) {
      // A 503 or 500: the table did not answer in the invocation's time.
      get("/openapi.json", "");
      get("/no-such-route", "");
      return false;
    }
    JsonNode document = newest.path("results").path(0);
    List<String> words = words(document.path("title").asText(""));
    String two = words.get(0) + " " + words.get(1);
    JsonNode page = get("/search", "q=" + encode(two) + "&limit=1");
    String cursor = page.path("next_cursor").asText("");
    if (!cursor.isEmpty()) {
      get("/search", "q=" + encode(two) + "&limit=1&cursor=" + encode(cursor));
    }
    get(
        "/search",
        "q="
            + encode("\"" + two + "\" OR (+" + words.get(0) + " -zzzz)")
            + "&kind=article,headline&sort=newest&limit=2");
    get("/search", "q=" + encode(prefix(words.get(0), 3) + "*") + "&limit=2");
    String source = document.path("sources").path(0).asText("");
    if (!source.isEmpty()) {
      get("/search", "q=" + encode(words.get(1)) + "&source=" + encode(source) + "&limit=2");
    }
    get("/suggest", "prefix=" + encode(prefix(words.get(0), 2)));
    String id = document.path("id").asText("");
    if (!id.isEmpty()) {
      get("/documents/" + encodePath(id), "");
      get("/documents/" + encodePath(id) + "/sources", "");
    }
    get("/health", "");
    get("/search", "q=" + encode("(unclosed"));
    return true;
  }

  /** One request through the handler as the runtime makes it; the body as JSON (or empty). */
  private JsonNode get(String path, String query) {
    ObjectNode json = eventTemplate.deepCopy();
    json.put("rawPath", path);
    json.put("rawQueryString", query);
    ((ObjectNode) json.path("requestContext").path("http")).put("path", path);
    byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
    APIGatewayV2HTTPEvent event =
        serialization.map(s -> s.read(bytes)).orElseGet(() -> built(path, query));
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
    serialization.ifPresent(s -> s.write(response));
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (IOException | RuntimeException e) {
      return Json.MAPPER.missingNode();
    }
  }

  private static APIGatewayV2HTTPEvent built(String path, String query) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
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
  }

  /** Two words of at least three letters from a title, or two common ones. */
  static List<String> words(String title) {
    List<String> words = new ArrayList<>();
    for (String w : title.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (w.length() >= 3 && words.size() < 2) {
        words.add(w);
      }
    }
    for (String w : FALLBACK_WORDS) {
      if (words.size() < 2) {
        words.add(w);
      }
    }
    return words;
  }

  private static String prefix(String word, int length) {
    return word.substring(0, Math.min(length, word.length()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A path segment: spaces as %20, since the router reads '+' in a path as itself. */
  private static String encodePath(String value) {
    return encode(value).replace("+", "%20");
  }

  private static ObjectNode readEventTemplate() {
    try (InputStream in = QueryPriming.class.getResourceAsStream("/priming/http-request.json")) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the priming event is missing from the jar", e);
    }
  }
}
