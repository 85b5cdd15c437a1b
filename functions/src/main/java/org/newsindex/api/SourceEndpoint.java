package org.newsindex.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStore;

/** {@code GET /sources} and {@code GET /sources/{key}}: what became of each uploaded file. */
final class SourceEndpoint {
  private static final int MAX_LIMIT = 1000;

  private final SourceStore sources;

  SourceEndpoint(SourceStore sources) {
    this.sources = sources;
  }

  ApiResponse one(ApiRequest request, String key) {
    request.allowOnly(List.of());
    SourceManifest m =
        sources
            .manifest(key)
            .orElseThrow(
                () ->
                    ApiException.notFound("no file with the key '" + key + "' has been uploaded"));
    return ApiResponse.json(200, describe(m));
  }

  ApiResponse list(ApiRequest request) {
    request.allowOnly(List.of("prefix", "limit", "cursor"));
    String prefix = request.single("prefix").orElse("");
    int limit = request.integer("limit", 100);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiException(
          400, "bad_request", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    Optional<String> after =
        request.single("cursor").filter(c -> !c.isEmpty()).map(SourceEndpoint::decodeCursor);
    after
        .filter(a -> !a.startsWith(prefix))
        .ifPresent(
            a -> {
              throw new ApiException(
                  400, "bad_request", "cursor belongs to a listing with another prefix");
            });
    List<SourceManifest> page = sources.list(prefix, limit + 1, after);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prefix", prefix);
    body.put("sources", page.stream().limit(limit).map(SourceEndpoint::describe).toList());
    if (page.size() > limit) {
      String last = page.get(limit - 1).key();
      body.put(
          "next_cursor",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    return ApiResponse.json(200, body);
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400,
          "bad_request",
          "cursor is not valid: pass next_cursor as a previous response gave it");
    }
  }

  static Map<String, Object> describe(SourceManifest m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", m.key());
    body.put("status", m.status().label());
    m.reason().ifPresent(r -> body.put("reason", r));
    if (!m.warnings().isEmpty()) {
      body.put("warnings", m.warnings());
    }
    if (!m.etag().isEmpty()) {
      body.put("etag", m.etag());
    }
    body.put("size", m.size());
    body.put("articles", m.hasArticle() ? 1 : 0);
    body.put("headlines", m.headlineIds().size());
    body.put("received_at", m.receivedAt().toString());
    m.processedAt().ifPresent(p -> body.put("processed_at", p.toString()));
    body.put("sequencer", m.sequencer());
    return body;
  }
}
