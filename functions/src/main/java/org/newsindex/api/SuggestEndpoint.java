package org.newsindex.api;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.corpus.HeadlineText;
import org.newsindex.index.Deadline;
import org.newsindex.index.Suggestion;
import org.newsindex.index.SuggestionStore;

/**
 * {@code GET /suggest?prefix=}: words and headline titles that start with what the user typed, most
 * common first.
 */
final class SuggestEndpoint {
  static final int MIN_PREFIX = 2;

  /**
   * The longest prefix, in UTF-8 bytes after normalization: a key condition on the table holds all
   * of it, so what is suggested starts with the whole prefix.
   */
  static final int MAX_PREFIX_BYTES = 1000;

  private static final int SCAN = 1000;

  private final SuggestionStore suggestions;

  SuggestEndpoint(SuggestionStore suggestions) {
    this.suggestions = suggestions;
  }

  ApiResponse handle(ApiRequest request, Deadline deadline) {
    request.allowOnly(List.of("prefix", "limit"));
    String prefix = request.single("prefix").map(String::strip).orElse("");
    // Counted as the table is keyed: after the normalization that folds case, width and
    // compatibility forms (a letter and its combining accent are one character).
    String normalized = HeadlineText.normalize(prefix);
    if (normalized.codePointCount(0, normalized.length()) < MIN_PREFIX) {
      throw ApiException.badRequest(
          "prefix needs at least "
              + MIN_PREFIX
              + " characters (after Unicode normalization), got '"
              + prefix
              + "'");
    }
    ApiRequest.checkBytes("prefix (after Unicode normalization)", normalized, MAX_PREFIX_BYTES);
    int limit = request.integer("limit", 10);
    if (limit < 1 || limit > 50) {
      throw new ApiException(400, "bad_request", "limit must be between 1 and 50, got " + limit);
    }
    List<Map<String, Object>> out =
        suggestions.startingWith(prefix, SCAN, deadline).stream()
            .sorted(
                Comparator.comparingLong(Suggestion::count)
                    .reversed()
                    .thenComparing(s -> s.type().equals(Suggestion.WORD) ? 0 : 1)
                    .thenComparing(Suggestion::text))
            .limit(limit)
            .map(SuggestEndpoint::describe)
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prefix", prefix);
    body.put("suggestions", out);
    return ApiResponse.json(200, body);
  }

  private static Map<String, Object> describe(Suggestion s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", s.text());
    m.put("type", s.type());
    m.put("count", s.count());
    s.documentId().ifPresent(id -> m.put("id", id));
    return m;
  }
}
