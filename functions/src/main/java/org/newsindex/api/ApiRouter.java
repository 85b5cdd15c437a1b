package org.newsindex.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.IndexWriteException;
import org.newsindex.index.PendingStore;
import org.newsindex.index.PostingStore;
import org.newsindex.index.SourceStore;
import org.newsindex.index.SuggestionStore;
import org.newsindex.search.BadQueryException;
import org.newsindex.search.QueryTooBroadException;
import org.newsindex.search.SearchBudget;
import org.newsindex.search.SearchTimeoutException;
import org.newsindex.search.Searcher;

/**
 * The HTTP API: routes a request to its endpoint and turns every failure into a JSON error with the
 * right status. Nothing that escapes an endpoint reaches the client as a stack trace.
 */
public final class ApiRouter {
  /** Without a deadline from the caller: inside the query function's 10 s timeout. */
  private static final Duration DEFAULT_TIME = Duration.ofSeconds(8);

  private final SearchEndpoint search;
  private final DocumentEndpoint documents;
  private final SourceEndpoint sources;
  private final SuggestEndpoint suggest;
  private final HealthEndpoint health;
  private final OpenApiEndpoint openApi;
  private final SearchPageEndpoint searchPage;
  private final Consumer<Throwable> onUnexpected;

  public ApiRouter(
      IndexTable table,
      TextAnalyzer analyzer,
      byte[] cursorKey,
      SearchBudget budget,
      Consumer<Throwable> onUnexpected) {
    this.search =
        new SearchEndpoint(
            new Searcher(table, analyzer, cursorKey, Searcher.TRACK_TOTAL_LIMIT, budget));
    this.documents = new DocumentEndpoint(new DocumentStore(table));
    this.sources = new SourceEndpoint(new SourceStore(table), new PendingStore(table));
    this.suggest = new SuggestEndpoint(new SuggestionStore(table));
    this.health = new HealthEndpoint(new PostingStore(table), new PendingStore(table));
    this.openApi = new OpenApiEndpoint();
    this.searchPage = new SearchPageEndpoint();
    this.onUnexpected = onUnexpected;
  }

  public ApiResponse handle(ApiRequest request) {
    return handle(request, Deadline.after(DEFAULT_TIME));
  }

  /** Answers the request, reading nothing after the deadline (a 503 if it comes first). */
  public ApiResponse handle(ApiRequest request, Deadline deadline) {
    try {
      return route(request, deadline);
    } catch (ApiException e) {
      return ApiResponse.error(e);
    } catch (BadQueryException e) {
      return ApiResponse.error(ApiException.badRequest(e.getMessage()));
    } catch (QueryTooBroadException e) {
      return ApiResponse.error(ApiException.tooBroad(e.getMessage()));
    } catch (SearchTimeoutException e) {
      return ApiResponse.error(ApiException.timeout(e.getMessage()));
    } catch (IndexWriteException e) {
      // The index's retries ran into the deadline: DynamoDB throttled or failed until then.
      return ApiResponse.error(
          ApiException.timeout(
              "the index did not answer in time (DynamoDB is busy or throttling); try again"));
    } catch (RuntimeException | StackOverflowError e) {
      onUnexpected.accept(e);
      return internalError();
    }
  }

  /** The answer to a request that failed for a reason the API did not foresee; it is logged. */
  public static ApiResponse internalError() {
    return ApiResponse.error(
        new ApiException(
            500,
            "internal_error",
            "the request failed unexpectedly; it was logged. Try again, and report it if it"
                + " persists"));
  }

  private ApiResponse route(ApiRequest request, Deadline deadline) {
    String path = request.path();
    if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
      throw new ApiException(
          405,
          "method_not_allowed",
          request.method() + " is not supported; the API is read-only (GET)");
    }
    if (path.equals("/search")) {
      return search.handle(request, deadline);
    }
    if (path.equals("/suggest")) {
      return suggest.handle(request, deadline);
    }
    if (path.equals("/health")) {
      return health.handle(request, deadline);
    }
    if (path.equals("/sources") || path.equals("/sources/")) {
      return sources.list(request, deadline);
    }
    if (path.startsWith("/sources/")) {
      return sources.one(request, decode(path.substring("/sources/".length())), deadline);
    }
    // An empty {id} or {file} is no route: API Gateway matches a path parameter to one character
    // or more.
    if (path.startsWith("/documents/")
        && path.length() > "/documents/".length()
        && path.indexOf('/', "/documents/".length()) < 0) {
      return documents.handle(request, decode(path.substring("/documents/".length())), deadline);
    }
    if (path.startsWith("/documents/") && path.endsWith("/sources")) {
      String id = path.substring("/documents/".length(), path.length() - "/sources".length());
      if (!id.isEmpty() && id.indexOf('/') < 0) {
        return documents.sources(request, decode(id), deadline);
      }
    }
    if (path.startsWith("/documents/") && path.endsWith("/related")) {
      String id = path.substring("/documents/".length(), path.length() - "/related".length());
      if (!id.isEmpty() && id.indexOf('/') < 0) {
        return search.related(request, documents.find(decode(id), deadline), deadline);
      }
    }
    if (path.equals("/")) {
      return searchPage.page();
    }
    if (path.startsWith("/assets/")
        && path.length() > "/assets/".length()
        && path.indexOf('/', "/assets/".length()) < 0) {
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
            + "; the API has /search, /suggest, /documents/{id}, /documents/{id}/sources,"
            + " /documents/{id}/related, /sources,"
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
