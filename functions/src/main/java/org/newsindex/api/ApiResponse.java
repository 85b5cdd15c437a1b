package org.newsindex.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response: status, headers and a body (JSON for the API, other types for static files),
 * and what the request cost (DynamoDB items and read units), for the function's metrics.
 */
public record ApiResponse(
    int status, Map<String, String> headers, String body, Map<String, Double> cost) {
  /** What a 503 asks a client to wait before it tries again. */
  static final String RETRY_AFTER_SECONDS = "1";

  private static final String JSON_TYPE = "application/json; charset=utf-8";

  public ApiResponse {
    headers = new LinkedHashMap<>(headers);
    cost = Map.copyOf(cost);
  }

  public ApiResponse(int status, Map<String, String> headers, String body) {
    this(status, headers, body, Map.of());
  }

  /** The same response, noting what it cost. */
  public ApiResponse withCost(double itemsRead, double readUnits) {
    return new ApiResponse(
        status, headers, body, Map.of("items_read", itemsRead, "read_units", readUnits));
  }

  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, Map.of("content-type", JSON_TYPE), Json.write(value));
  }

  /** The error as JSON; a 503 says when to try again. */
  public static ApiResponse error(ApiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", JSON_TYPE);
    if (e.status() == 503) {
      headers.put("retry-after", RETRY_AFTER_SECONDS);
    }
    return new ApiResponse(e.status(), headers, Json.write(Map.of("error", error)));
  }
}
