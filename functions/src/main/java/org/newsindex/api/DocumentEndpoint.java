package org.newsindex.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocumentIds;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.StoredDocument;

/**
 * {@code GET /documents/{id}}: a whole document; {@code GET /documents/{id}/sources}: every file
 * that lists it, a page at a time (a widely shared headline is listed by thousands).
 */
final class DocumentEndpoint {
  static final int MAX_SOURCES_PAGE = 1000;

  private final DocumentStore documents;

  DocumentEndpoint(DocumentStore documents) {
    this.documents = documents;
  }

  ApiResponse handle(ApiRequest request, String id, Deadline deadline) {
    request.allowOnly(List.of());
    StoredDocument doc = find(id, deadline);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", doc.id());
    body.put("kind", doc.kind().label());
    body.put("title", doc.title());
    body.put("text", doc.text());
    body.put("paragraphs", List.of(doc.text().split("\n")));
    body.put("sources", doc.sources());
    body.put("source_count", doc.sourceCount());
    body.put("length", doc.length());
    body.put("published", doc.published().toString());
    body.put("ingested_at", doc.ingestedAt().toString());
    return ApiResponse.json(200, body);
  }

  ApiResponse sources(ApiRequest request, String id, Deadline deadline) {
    request.allowOnly(List.of("limit", "cursor"));
    int limit = request.integer("limit", 100);
    if (limit < 1 || limit > MAX_SOURCES_PAGE) {
      throw new ApiException(
          400, "bad_request", "limit must be between 1 and " + MAX_SOURCES_PAGE + ", got " + limit);
    }
    int after =
        request.single("cursor").filter(c -> !c.isEmpty()).map(this::decodeCursor).orElse(-1);
    StoredDocument doc = find(id, deadline);
    List<Integer> ords = new ArrayList<>();
    for (int f : doc.sourceOrds()) {
      if (f > after && ords.size() <= limit) {
        ords.add(f);
      }
    }
    if (ords.size() <= limit) {
      int from = ords.isEmpty() ? after : Math.max(after, ords.get(ords.size() - 1));
      ords.addAll(documents.overflowSources(doc, from, limit + 1 - ords.size(), deadline));
    }
    List<Integer> read = ords.subList(0, Math.min(limit, ords.size()));
    Map<Integer, String> keys = documents.fileKeys(read, deadline);
    List<String> sources = read.stream().map(f -> keys.getOrDefault(f, "")).toList();
    int fit = ResponseLimit.fitting(sources, 0);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", doc.id());
    body.put("source_count", doc.sourceCount());
    body.put("sources", sources.subList(0, fit));
    if (ords.size() > fit) {
      body.put(
          "next_cursor",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  Integer.toString(read.get(fit - 1)).getBytes(StandardCharsets.UTF_8)));
    }
    return ApiResponse.json(200, body);
  }

  StoredDocument find(String id, Deadline deadline) {
    if (!DocumentIds.isValid(id)) {
      throw ApiException.notFound(
          "no document has the id '" + id + "'; ids come from search results");
    }
    return documents
        .byId(id, deadline)
        .orElseThrow(() -> ApiException.notFound("no document has the id '" + id + "'"));
  }

  private int decodeCursor(String cursor) {
    try {
      return Integer.parseInt(
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400,
          "bad_request",
          "cursor is not valid: pass next_cursor as a previous response gave it");
    }
  }
}
