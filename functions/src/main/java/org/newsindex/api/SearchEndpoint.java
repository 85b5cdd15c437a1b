package org.newsindex.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.StoredDocument;
import org.newsindex.search.FacetCount;
import org.newsindex.search.Histogram;
import org.newsindex.search.PublishedFilter;
import org.newsindex.search.SearchHit;
import org.newsindex.search.SearchRequest;
import org.newsindex.search.SearchResult;
import org.newsindex.search.Searcher;
import org.newsindex.search.SortOrder;

/** {@code GET /search}: ranked, filtered, faceted, highlighted, paged results. */
final class SearchEndpoint {
  static final List<String> PARAMETERS =
      List.of("q", "kind", "source", "limit", "sort", "cursor", "from", "to", "histogram");

  private final Searcher searcher;

  SearchEndpoint(Searcher searcher) {
    this.searcher = searcher;
  }

  ApiResponse handle(ApiRequest request, Deadline deadline) {
    request.allowOnly(PARAMETERS);
    long started = System.nanoTime();
    Optional<String> q = request.single("q").map(String::strip).filter(s -> !s.isEmpty());
    Optional<String> sortText = request.single("sort").map(String::strip).filter(s -> !s.isEmpty());
    SortOrder sort =
        sortText
            .map(
                s ->
                    SortOrder.parse(s)
                        .orElseThrow(
                            () ->
                                new ApiException(
                                    400,
                                    "bad_request",
                                    "sort must be 'relevance', 'newest' or 'oldest', got '"
                                        + s
                                        + "'")))
            .orElse(q.isPresent() ? SortOrder.RELEVANCE : SortOrder.NEWEST);
    SearchRequest search =
        new SearchRequest(
            q,
            kinds(request),
            request.single("source").filter(s -> !s.isEmpty()),
            request.integer("limit", SearchRequest.DEFAULT_LIMIT),
            sort,
            request.single("cursor").filter(s -> !s.isEmpty()),
            PublishedFilter.parse(
                nonBlank(request, "from"), nonBlank(request, "to"), java.time.Instant.now()),
            nonBlank(request, "histogram")
                .map(
                    h ->
                        Histogram.parse(h)
                            .orElseThrow(
                                () ->
                                    new ApiException(
                                        400,
                                        "bad_request",
                                        "histogram must be 'day', 'week' or 'month', got '"
                                            + h
                                            + "'"))));
    SearchResult result = searcher.search(search, deadline);
    return ApiResponse.json(200, body(q, result, (System.nanoTime() - started) / 1_000_000))
        .withCost(result.itemsRead(), result.readUnits());
  }

  private static Optional<String> nonBlank(ApiRequest request, String name) {
    return request.single(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A hit as {@code /search} and {@code /documents/{id}/related} show it. */
  static Map<String, Object> hit(SearchHit hit) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", hit.id());
    r.put("kind", hit.kind().label());
    r.put("title", hit.title());
    r.put("snippet", hit.snippet());
    r.put("sources", hit.sources());
    r.put("source_count", hit.sourceCount());
    r.put("score", hit.score());
    r.put("published", hit.published().toString());
    r.put("ingested_at", hit.ingestedAt().toString());
    return r;
  }

  /**
   * {@code GET /documents/{id}/related}: the documents most like one document, as search hits, by
   * Lucene's MoreLikeThis.
   */
  ApiResponse related(ApiRequest request, StoredDocument doc, Deadline deadline) {
    request.allowOnly(List.of("limit"));
    long started = System.nanoTime();
    SearchResult result =
        searcher.related(doc, request.integer("limit", SearchRequest.DEFAULT_LIMIT), deadline);
    List<Map<String, Object>> results = new ArrayList<>();
    for (SearchHit hit : result.hits()) {
      results.add(hit(hit));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", doc.id());
    int fit = ResponseLimit.fitting(results, ResponseLimit.bytes(body));
    body.put("results", results.subList(0, fit));
    if (!result.notes().isEmpty()) {
      body.put("notes", result.notes());
    }
    body.put("took_ms", (System.nanoTime() - started) / 1_000_000);
    body.put("cost", cost(result));
    return ApiResponse.json(200, body).withCost(result.itemsRead(), result.readUnits());
  }

  static Set<DocKind> kinds(ApiRequest request) {
    Set<DocKind> kinds = EnumSet.noneOf(DocKind.class);
    for (String value : request.all("kind")) {
      for (String part : value.split(",")) {
        String label = part.strip();
        if (label.isEmpty()) {
          continue;
        }
        kinds.add(
            DocKind.parse(label)
                .orElseThrow(
                    () ->
                        new ApiException(
                            400,
                            "bad_request",
                            "kind must be 'article' or 'headline', got '" + label + "'")));
      }
    }
    return kinds;
  }

  /**
   * The response: as many hits as fit in {@link ResponseLimit#MAX_BYTES}, with a cursor after the
   * last one sent if the page was cut short.
   */
  private static Map<String, Object> body(Optional<String> q, SearchResult result, long tookMs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", q.orElse(null));
    body.put(
        "total", Map.of("value", result.total(), "relation", result.totalExact() ? "eq" : "gte"));
    List<Map<String, Object>> results = new ArrayList<>();
    for (SearchHit hit : result.hits()) {
      results.add(hit(hit));
    }
    body.put("results", List.of());
    Map<String, Object> facets = new LinkedHashMap<>();
    facets.put("kind", buckets(result.kindFacet()));
    facets.put("source", buckets(result.sourceFacet()));
    result
        .publishedFacet()
        .ifPresent(
            b ->
                facets.put(
                    "published",
                    b.stream()
                        .map(c -> Map.<String, Object>of("start", c.value(), "count", c.count()))
                        .toList()));
    body.put("facets", facets);
    List<String> notes = new ArrayList<>(result.notes());
    Optional<String> next = result.nextCursor();
    int fit =
        ResponseLimit.fitting(results, ResponseLimit.bytes(body) + ResponseLimit.bytes(notes));
    if (fit < results.size()) {
      next = Optional.of(result.cursors().after(result.hits().get(fit - 1)));
      notes.add(
          "the page holds "
              + fit
              + " results, not "
              + results.size()
              + ", to keep the response under "
              + ResponseLimit.MAX_BYTES
              + " bytes; next_cursor continues after the last one");
    }
    body.put("results", results.subList(0, fit));
    next.ifPresent(c -> body.put("next_cursor", c));
    if (!notes.isEmpty()) {
      body.put("notes", notes);
    }
    body.put("took_ms", tookMs);
    body.put("cost", cost(result));
    return body;
  }

  /** What the search read, against its budget. */
  private static Map<String, Object> cost(SearchResult result) {
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("items_read", result.itemsRead());
    cost.put("read_units", result.readUnits());
    cost.put(
        "budget",
        Map.of("items", result.budget().items(), "read_units", result.budget().readUnits()));
    return cost;
  }

  private static List<Map<String, Object>> buckets(List<FacetCount> counts) {
    return counts.stream()
        .map(c -> Map.<String, Object>of("value", c.value(), "count", c.count()))
        .toList();
  }
}
