package org.newsindex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.StoredDocument;
import org.newsindex.search.MoreLikeThis;
import org.newsindex.search.QueryNode;
import org.newsindex.search.QueryParser;

/**
 * Times each query class three ways on the same data: the search API over HTTP (p50, p99, and the
 * DynamoDB items and read units each query reported), the naive Scan baseline, and an in-memory
 * Lucene index (the floor).
 */
final class QueryMeasurement {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One class's figures. */
  record Result(
      String name,
      String description,
      int queries,
      double p50Ms,
      double p99Ms,
      double itemsRead,
      double readUnits,
      double serverMs,
      double scanP50Ms,
      long scanItemsScanned,
      long scanReadUnits,
      long scanRequests,
      int scansTimed,
      double luceneP50Ms) {

    double speedupVsScan() {
      return scanP50Ms / p50Ms;
    }

    double ratioToLucene() {
      return p50Ms / luceneP50Ms;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI api;
  private final ScanBaseline scan;
  private final LuceneIndex lucene;
  private final QueryParser parser = new QueryParser(new TextAnalyzer());
  private final int repeat;
  private final int scansPerClass;

  /** {@code scansPerClass}: how many of a class's queries are also timed as a Scan. */
  QueryMeasurement(URI api, ScanBaseline scan, LuceneIndex lucene, int repeat, int scansPerClass) {
    this.api = api;
    this.scan = scan;
    this.lucene = lucene;
    this.repeat = repeat;
    this.scansPerClass = scansPerClass;
  }

  Result measure(QueryClass queryClass) throws Exception {
    Latencies ours = new Latencies();
    Latencies server = new Latencies();
    Latencies items = new Latencies();
    Latencies units = new Latencies();
    Latencies scans = new Latencies();
    Latencies floor = new Latencies();
    long scanned = 0;
    int scansTimed = 0;
    for (QueryClass.Query query : queryClass.queries()) {
      get(query, 1);
      for (int r = 0; r < repeat; r++) {
        Timed timed = get(query, query.page());
        ours.add(timed.millis);
        server.add(timed.body.path("took_ms").asDouble());
        items.add(timed.body.path("cost").path("items_read").asDouble());
        units.add(timed.body.path("cost").path("read_units").asDouble());
      }
      if (scansTimed < scansPerClass) {
        ScanBaseline.Outcome outcome = scan.search(query);
        scans.add(outcome.millis());
        scanned = Math.max(scanned, outcome.scanned());
        scansTimed++;
      }
      reference(query);
      for (int r = 0; r < repeat; r++) {
        long started = System.nanoTime();
        reference(query);
        floor.add((System.nanoTime() - started) / 1e6);
      }
    }
    return new Result(
        queryClass.name(),
        queryClass.description(),
        queryClass.queries().size(),
        ours.p50(),
        ours.p99(),
        items.p50(),
        units.p50(),
        server.p50(),
        scans.p50(),
        scanned,
        scan.readUnitsPerScan(),
        scan.requestsPerScan(),
        scansTimed,
        floor.p50());
  }

  /** The same query on the Lucene index. */
  private void reference(QueryClass.Query query) {
    if (query.related().isPresent()) {
      StoredDocument doc = query.related().get();
      MoreLikeThis.Parameters p = MoreLikeThis.parameters(doc.kind());
      lucene.relatedTop(doc.ord(), p.minTermFreq(), p.minDocFreq(), p.maxQueryTerms(), 10);
      return;
    }
    QueryNode.Bool parsed = parser.parse(query.q()).query();
    Set<String> kinds = query.kind().isEmpty() ? Set.of() : Set.of(query.kind());
    lucene.top(
        parsed,
        kinds,
        Set.of(),
        query.from(),
        query.to(),
        LuceneIndex.Order.RELEVANCE,
        10 * query.page());
  }

  private record Timed(double millis, JsonNode body) {}

  /**
   * The given page of a query (following next_cursor from the first); only the last request is
   * timed.
   */
  private Timed get(QueryClass.Query query, int page) throws Exception {
    String cursor = null;
    for (int p = 1; p < page; p++) {
      cursor = get(query, cursor).body.path("next_cursor").asText(null);
    }
    return get(query, cursor);
  }

  private Timed get(QueryClass.Query query, String cursor) throws Exception {
    String url =
        query.related().isPresent()
            ? "/documents/" + query.related().get().id() + "/related?limit=10"
            : "/search?limit=10&q="
                + URLEncoder.encode(query.q(), StandardCharsets.UTF_8)
                + (query.kind().isEmpty() ? "" : "&kind=" + query.kind())
                + (query.dated()
                    ? "&from="
                        + java.time.Instant.ofEpochSecond(query.from())
                        + "&to="
                        + java.time.Instant.ofEpochSecond(query.to())
                    : "")
                + (cursor == null ? "" : "&cursor=" + cursor);
    long started = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(api.resolve(url)).build(), HttpResponse.BodyHandlers.ofString());
    double millis = (System.nanoTime() - started) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "search " + query + " answered " + response.statusCode() + ": " + response.body());
    }
    return new Timed(millis, JSON.readTree(response.body()));
  }

  List<Result> measureAll(List<QueryClass> classes) throws Exception {
    List<Result> out = new ArrayList<>();
    for (QueryClass c : classes) {
      out.add(measure(c));
    }
    return out;
  }
}
