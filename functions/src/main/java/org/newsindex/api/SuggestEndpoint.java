package org.newsindex.api;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.index.Suggestion;
import org.newsindex.index.SuggestionStore;

/**
 * {@code GET /suggest?prefix=}: words and headline titles that start with what the user typed, most
 * common first.
 */
final class SuggestEndpoint {
  static final int MIN_PREFIX = 2;
  private static final int SCAN = 1000;

  private final SuggestionStore suggestions;

  SuggestEndpoint(SuggestionStore suggestions) {
    this.suggestions = suggestions;
  }

  ApiResponse handle(ApiRequest request) {
    request.allowOnly(List.of("prefix", "limit"));
    String prefix = request.single("prefix").map(String::strip).orElse("");
    if (prefix.codePointCount(0, prefix.length()) < MIN_PREFIX) {
      throw new ApiException(
          400,
          "bad_request",
          "prefix needs at least " + MIN_PREFIX + " characters, got '" + prefix + "'");
    }
    int limit = request.integer("limit", 10);
    if (limit < 1 || limit > 50) {
      throw new ApiException(400, "bad_request", "limit must be between 1 and 50, got " + limit);
    }
    List<Map<String, Object>> out =
        suggestions.startingWith(prefix, SCAN).stream()
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
