package org.newsindex.api;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi.json}: the API's OpenAPI 3.1 contract. It is written in YAML ({@code
 * src/main/openapi/openapi.yaml}) and turned into JSON by the build, so the function serves a file
 * and carries no YAML parser.
 */
final class OpenApiEndpoint {
  private final StaticFile contract =
      StaticFile.load(
          "openapi.json", "application/json; charset=utf-8", "public, max-age=300", Map.of());

  ApiResponse handle(ApiRequest request) {
    request.allowOnly(List.of());
    return contract.response();
  }
}
