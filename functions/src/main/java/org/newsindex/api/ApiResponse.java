package org.newsindex.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response: status, headers and a body (JSON for the API, other types for static files),
 * and what the request cost (DynamoDB items and read units), for the function's metrics.
 */
public record ApiResponse(
    int status, Map<String, String> headers, String body, Map<String, Double> cost) {

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
    return new ApiResponse(
        status, Map.of("content-type", "application/json; charset=utf-8"), Json.write(value));
  }

  public static ApiResponse error(ApiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    return json(e.status(), Map.of("error", error));
  }
}
