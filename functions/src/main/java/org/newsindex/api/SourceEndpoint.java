package org.newsindex.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.newsindex.index.Deadline;
import org.newsindex.index.KeyText;
import org.newsindex.index.PendingMarker;
import org.newsindex.index.PendingStore;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStore;

/**
 * {@code GET /sources} and {@code GET /sources/{key}}: what became of each uploaded file — the
 * writer's record of its last folded event, and whether newer events wait to be folded.
 */
final class SourceEndpoint {
  private static final int MAX_LIMIT = 1000;
  private static final int PENDING_LISTED = 1000;

  /** S3's limit on a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  /**
   * The longest prefix listed, in UTF-8 bytes: a key condition on the table holds all of it (with
   * room for the hash the table appends to the longest keys), so a listing is exact.
   */
  static final int MAX_PREFIX_BYTES = 1000;

  private static final int MAX_CURSOR_CHARS = 2048;

  private final SourceStore sources;
  private final PendingStore pending;

  SourceEndpoint(SourceStore sources, PendingStore pending) {
    this.sources = sources;
    this.pending = pending;
  }

  ApiResponse one(ApiRequest request, String key, Deadline deadline) {
    request.allowOnly(List.of());
    ApiRequest.checkBytes("the key", key, MAX_KEY_BYTES);
    Optional<SourceManifest> m = sources.manifest(key, deadline);
    List<PendingMarker> waiting = pending.forKey(key, deadline);
    if (m.isEmpty() && waiting.isEmpty()) {
      throw ApiException.notFound("no file with the key '" + key + "' has been uploaded");
    }
    return ApiResponse.json(200, describe(key, m, waiting));
  }

  ApiResponse list(ApiRequest request, Deadline deadline) {
    request.allowOnly(List.of("prefix", "limit", "cursor"));
    String prefix = request.single("prefix", MAX_PREFIX_BYTES).orElse("");
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
    Map<String, Optional<SourceManifest>> byKey = new TreeMap<>();
    sources
        .list(prefix, limit + 1, after, deadline)
        .forEach(m -> byKey.put(m.key(), Optional.of(m)));
    Map<String, List<PendingMarker>> waiting = new TreeMap<>();
    for (PendingMarker marker : pending.withPrefix(prefix, PENDING_LISTED, deadline)) {
      if (after.map(a -> marker.key().compareTo(a) > 0).orElse(true)) {
        waiting.computeIfAbsent(marker.key(), k -> new ArrayList<>()).add(marker);
        byKey.putIfAbsent(marker.key(), Optional.empty());
      }
    }
    List<String> keys = new ArrayList<>(byKey.keySet());
    List<Map<String, Object>> page =
        keys.stream()
            .limit(limit)
            .map(k -> describe(k, byKey.get(k), waiting.getOrDefault(k, List.of())))
            .toList();
    int fit = ResponseLimit.fitting(page, ResponseLimit.bytes(prefix));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prefix", prefix);
    body.put("sources", page.subList(0, fit));
    if (keys.size() > fit) {
      String last = keys.get(fit - 1);
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
      if (cursor.length() <= MAX_CURSOR_CHARS) {
        String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (KeyText.utf8Length(key) <= MAX_KEY_BYTES) {
          return key;
        }
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw ApiException.badRequest(
        "cursor is not valid: pass next_cursor as a previous response gave it");
  }

  /**
   * A file as the API shows it: pending while an event newer than the one folded waits, with what
   * the last folded event left (status, reason, warnings, what is indexed).
   */
  static Map<String, Object> describe(
      String key, Optional<SourceManifest> folded, List<PendingMarker> waiting) {
    Optional<PendingMarker> newest =
        waiting.stream()
            .filter(w -> folded.map(m -> w.sequencer().compareTo(m.sequencer()) > 0).orElse(true))
            .max(java.util.Comparator.comparing(PendingMarker::sequencer));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    if (newest.isPresent()) {
      PendingMarker w = newest.get();
      body.put("status", "pending");
      if (!w.etag().isEmpty()) {
        body.put("etag", w.etag());
      }
      body.put("size", w.size());
      body.put("articles", folded.map(m -> m.hasArticle() ? 1 : 0).orElse(0));
      body.put("headlines", folded.map(m -> m.headlineIds().size()).orElse(0));
      folded.flatMap(SourceManifest::published).ifPresent(p -> body.put("published", p.toString()));
      body.put("received_at", w.receivedAt().toString());
      folded
          .flatMap(SourceManifest::processedAt)
          .ifPresent(p -> body.put("processed_at", p.toString()));
      body.put("sequencer", w.sequencer());
      return body;
    }
    SourceManifest m = folded.orElseThrow();
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
    m.published().ifPresent(p -> body.put("published", p.toString()));
    body.put("received_at", m.receivedAt().toString());
    m.processedAt().ifPresent(p -> body.put("processed_at", p.toString()));
    body.put("sequencer", m.sequencer());
    return body;
  }
}
