package org.newsindex.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.index.DocumentIds;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.StoredDocument;

/** {@code GET /documents/{id}}: a whole document. */
final class DocumentEndpoint {
  private final DocumentStore documents;

  DocumentEndpoint(DocumentStore documents) {
    this.documents = documents;
  }

  ApiResponse handle(ApiRequest request, String id) {
    request.allowOnly(List.of());
    if (!DocumentIds.isValid(id)) {
      throw ApiException.notFound(
          "no document has the id '" + id + "'; ids come from search results");
    }
    StoredDocument doc =
        documents
            .byId(id)
            .orElseThrow(() -> ApiException.notFound("no document has the id '" + id + "'"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", doc.id());
    body.put("kind", doc.kind().label());
    body.put("title", doc.title());
    body.put("text", doc.text());
    body.put("paragraphs", List.of(doc.text().split("\n")));
    body.put("sources", doc.sources());
    body.put("length", doc.length());
    body.put("ingested_at", doc.ingestedAt().toString());
    return ApiResponse.json(200, body);
  }
}
