package org.newsindex.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.PendingStore;
import org.newsindex.index.PostingStore;
import org.newsindex.index.SourceStore;
import org.newsindex.index.SuggestionStore;
import org.newsindex.search.BadQueryException;
import org.newsindex.search.Searcher;

/**
 * The HTTP API: routes a request to its endpoint and turns every failure into a JSON error with the
 * right status. Nothing that escapes an endpoint reaches the client as a stack trace.
 */
public final class ApiRouter {
  private final SearchEndpoint search;
  private final DocumentEndpoint documents;
  private final SourceEndpoint sources;
  private final SuggestEndpoint suggest;
  private final HealthEndpoint health;
  private final OpenApiEndpoint openApi;
  private final SearchPageEndpoint searchPage;
  private final Consumer<Throwable> onUnexpected;

  public ApiRouter(
      IndexTable table, TextAnalyzer analyzer, byte[] cursorKey, Consumer<Throwable> onUnexpected) {
    this.search = new SearchEndpoint(new Searcher(table, analyzer, cursorKey));
    this.documents = new DocumentEndpoint(new DocumentStore(table));
    this.sources = new SourceEndpoint(new SourceStore(table), new PendingStore(table));
    this.suggest = new SuggestEndpoint(new SuggestionStore(table));
    this.health = new HealthEndpoint(new PostingStore(table), new PendingStore(table));
    this.openApi = new OpenApiEndpoint();
    this.searchPage = new SearchPageEndpoint();
    this.onUnexpected = onUnexpected;
  }

  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (ApiException e) {
      return ApiResponse.error(e);
    } catch (BadQueryException e) {
      return ApiResponse.error(new ApiException(400, "bad_request", e.getMessage()));
    } catch (RuntimeException e) {
      onUnexpected.accept(e);
      return ApiResponse.error(
          new ApiException(
              500,
              "internal_error",
              "the request failed unexpectedly; it was logged. Try again, and report it if it"
                  + " persists"));
    }
  }

  private ApiResponse route(ApiRequest request) {
    String path = request.path();
    if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
      throw new ApiException(
          405,
          "method_not_allowed",
          request.method() + " is not supported; the API is read-only (GET)");
    }
    if (path.equals("/search")) {
      return search.handle(request);
    }
    if (path.equals("/suggest")) {
      return suggest.handle(request);
    }
    if (path.equals("/health")) {
      return health.handle(request);
    }
    if (path.equals("/sources") || path.equals("/sources/")) {
      return sources.list(request);
    }
    if (path.startsWith("/sources/")) {
      return sources.one(request, decode(path.substring("/sources/".length())));
    }
    if (path.startsWith("/documents/") && path.indexOf('/', "/documents/".length()) < 0) {
      return documents.handle(request, decode(path.substring("/documents/".length())));
    }
    if (path.startsWith("/documents/") && path.endsWith("/sources")) {
      String id = path.substring("/documents/".length(), path.length() - "/sources".length());
      if (id.indexOf('/') < 0) {
        return documents.sources(request, decode(id));
      }
    }
    if (path.equals("/")) {
      return searchPage.page();
    }
    if (path.startsWith("/assets/")) {
      return searchPage.asset(request, path.substring("/assets/".length()));
    }
    if (path.equals("/openapi.json")) {
      return openApi.handle(request);
    }
    throw ApiException.notFound(
        "no route "
            + request.method()
            + " "
            + path
            + "; the API has /search, /suggest, /documents/{id}, /documents/{id}/sources, /sources,"
            + " /sources/{key}, /health"
            + " and /openapi.json (described there), and the search page at /");
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "bad_request", "the path is not valid URL encoding");
    }
  }
}
