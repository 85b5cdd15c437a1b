package org.newsindex.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers and a body (JSON for the API, other types for static files). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

  public ApiResponse {
    headers = new LinkedHashMap<>(headers);
  }

  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, Map.of("content-type", "application/json; charset=utf-8"), Json.write(value));
  }

  public static ApiResponse error(ApiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    return json(e.status(), Map.of("error", error));
  }
}
