package org.newsindex.api;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /} and {@code GET /assets/{file}}: the search page, a static page whose script calls
 * the API from the same origin. Its policy lets the page load only its own files and call only its
 * own origin, so even a snippet that slipped through unescaped could not run a script.
 */
final class SearchPageEndpoint {
  private static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final StaticFile page =
      StaticFile.load(
          "web/index.html",
          "text/html; charset=utf-8",
          "no-cache",
          Map.of("content-security-policy", POLICY, "referrer-policy", "same-origin"));
  private final Map<String, StaticFile> assets =
      Map.of(
          "search.css",
              StaticFile.load(
                  "web/assets/search.css", "text/css; charset=utf-8", "no-cache", Map.of()),
          "search.js",
              StaticFile.load(
                  "web/assets/search.js", "text/javascript; charset=utf-8", "no-cache", Map.of()));

  /**
   * The page reads its own query parameters (q, kind, source, from, to, sort, doc); the server
   * ignores them.
   */
  ApiResponse page() {
    return page.response();
  }

  ApiResponse asset(ApiRequest request, String name) {
    request.allowOnly(List.of());
    StaticFile file = assets.get(name);
    if (file == null) {
      throw ApiException.notFound(
          "no asset '"
              + name
              + "'; the search page has "
              + String.join(", ", new TreeSet<>(assets.keySet())));
    }
    return file.response();
  }
}
