package org.newsindex.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.PendingMarker;
import org.newsindex.index.PendingStore;
import org.newsindex.index.PostingStore;
import org.newsindex.index.TermDirectory;

/**
 * {@code GET /health}: whether the index answers, how many documents of each kind it holds, and how
 * many files wait.
 */
final class HealthEndpoint {
  private static final int PENDING_COUNT_LIMIT = 1000;

  private final PostingStore postings;
  private final PendingStore pending;

  HealthEndpoint(PostingStore postings, PendingStore pending) {
    this.postings = postings;
    this.pending = pending;
  }

  ApiResponse handle(ApiRequest request, Deadline deadline) {
    request.allowOnly(List.of());
    TermDirectory all =
        postings
            .directories(Set.of(TermDirectory.ALL_DOCUMENTS), false, deadline)
            .getOrDefault(
                TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
    Map<String, Object> documents = new LinkedHashMap<>();
    documents.put("article", all.docFreq(DocKind.ARTICLE));
    documents.put("headline", all.docFreq(DocKind.HEADLINE));
    documents.put("total", all.docFreq());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("documents", documents);
    body.put(
        "pending_files",
        pending.list(PENDING_COUNT_LIMIT, deadline).stream()
            .map(PendingMarker::key)
            .distinct()
            .count());
    return ApiResponse.json(200, body);
  }
}
