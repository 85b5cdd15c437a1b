package org.newsindex.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The HTTP response API Gateway makes of a function's payload 2.0 result: a JSON object with a
 * {@code statusCode} is used field by field; any other JSON becomes a 200 with that JSON as body.
 */
record HttpApiResponse(int status, Map<String, List<String>> headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** API Gateway's own answer: {@code {"message":"..."}} as JSON. */
  static HttpApiResponse message(int status, String message) {
    return new HttpApiResponse(
        status,
        Map.of("content-type", List.of("application/json")),
        JSON.createObjectNode()
            .put("message", message)
            .toString()
            .getBytes(StandardCharsets.UTF_8));
  }

  /** This response with one more header value. */
  HttpApiResponse withHeader(String name, String value) {
    Map<String, List<String>> more = new LinkedHashMap<>(headers);
    more.merge(name, List.of(value), (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
    return new HttpApiResponse(status, more, body);
  }

  /**
   * Maps the function's serialized result; throws if it is not JSON, which API GW reports as 500.
   */
  static HttpApiResponse fromFunctionResult(String resultJson) throws JsonProcessingException {
    JsonNode result = JSON.readTree(resultJson);
    if (result == null || result.isMissingNode()) {
      throw new IllegalArgumentException("the function returned nothing API Gateway can read");
    }
    if (!result.isObject() || !result.has("statusCode")) {
      String body = result.isTextual() ? result.asText() : resultJson;
      return new HttpApiResponse(
          200,
          Map.of("content-type", List.of("application/json")),
          body.getBytes(StandardCharsets.UTF_8));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : result.path("headers").properties()) {
      headers
          .computeIfAbsent(header.getKey(), k -> new ArrayList<>())
          .add(header.getValue().asText());
    }
    for (Map.Entry<String, JsonNode> header : result.path("multiValueHeaders").properties()) {
      for (JsonNode value : header.getValue()) {
        headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(value.asText());
      }
    }
    result
        .path("cookies")
        .forEach(
            cookie ->
                headers.computeIfAbsent("set-cookie", k -> new ArrayList<>()).add(cookie.asText()));
    JsonNode bodyNode = result.path("body");
    String body;
    if (bodyNode.isMissingNode() || bodyNode.isNull()) {
      body = "";
    } else {
      body = bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
    }
    JsonNode status = result.path("statusCode");
    if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
      throw new IllegalArgumentException("the function returned an invalid statusCode " + status);
    }
    byte[] bytes =
        result.path("isBase64Encoded").asBoolean(false)
            ? Base64.getDecoder().decode(body)
            : body.getBytes(StandardCharsets.UTF_8);
    return new HttpApiResponse(status.asInt(), headers, bytes);
  }
}
