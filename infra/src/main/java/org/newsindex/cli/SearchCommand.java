package org.newsindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsindex search}: searches the running local cloud (or any deployed API) from the
 * terminal.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the index: the running local cloud's API, or the one given by --api. Prints a"
          + " table",
      "of results with their snippets, or the API's JSON with --json. Query syntax: words (any may",
      "match), \"a phrase\", +required, -excluded, AND/OR/NOT, (groups), prefix*."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:answered (also with no results)",
      "1:the API could not be reached or failed",
      "2:usage error, or the API refused the query (the message says why)"
    })
final class SearchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "What to search for.")
  String query;

  @Option(names = "--kind", paramLabel = "KIND", description = "article or headline (repeatable).")
  List<String> kinds = List.of();

  @Option(
      names = "--source",
      paramLabel = "KEY|PREFIX",
      description = "Only documents from this file or key prefix.")
  Optional<String> source;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Results to show (1-100). Default: ${DEFAULT-VALUE}.")
  int limit = 10;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      description = "relevance, newest or oldest (by publication time).")
  Optional<String> sort;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description =
          "Only stories published at or after TIME: 2026-11-01, 2026-11-01T08:00:00Z, now-7d,"
              + " now/d.")
  Optional<String> from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Only stories published before TIME (exclusive), in the forms --from takes.")
  Optional<String> to;

  @Option(names = "--json", description = "Print the API's JSON response instead of a table.")
  boolean json;

  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "The API (default: the running local cloud's).")
  Optional<URI> api;

  @Override
  public Integer call() {
    URI base = api.orElseGet(() -> RunningCloud.require().api());
    StringBuilder path =
        new StringBuilder("/search?q=").append(encode(query)).append("&limit=").append(limit);
    kinds.forEach(k -> path.append("&kind=").append(encode(k)));
    source.ifPresent(s -> path.append("&source=").append(encode(s)));
    sort.ifPresent(s -> path.append("&sort=").append(encode(s)));
    from.ifPresent(s -> path.append("&from=").append(encode(s)));
    to.ifPresent(s -> path.append("&to=").append(encode(s)));
    JsonNode response = new ApiClient(base).get(path.toString());
    PrintStream out = System.out;
    if (json) {
      out.println(response.toPrettyString());
      return 0;
    }
    print(response, out, System.console() != null);
    return 0;
  }

  static void print(JsonNode response, PrintStream out, boolean terminal) {
    JsonNode total = response.path("total");
    out.printf(
        "%s%d result%s for %s (%d ms)%n",
        total.path("relation").asText().equals("gte") ? "at least " : "",
        total.path("value").asLong(),
        total.path("value").asLong() == 1 ? "" : "s",
        response.path("query").asText(),
        response.path("took_ms").asLong());
    response.path("notes").forEach(n -> out.println("note: " + n.asText()));
    int rank = 1;
    for (JsonNode r : response.path("results")) {
      out.printf(
          "%n%2d. %-8s %6.2f  %s%n",
          rank++, r.path("kind").asText(), r.path("score").asDouble(), r.path("title").asText());
      out.printf("    %s%n", snippet(r.path("snippet").asText(), terminal));
      out.printf(
          "    %s  %s  id %s%n", r.path("published").asText(), sources(r), r.path("id").asText());
    }
    JsonNode facets = response.path("facets");
    out.printf("%nkinds: %s%n", buckets(facets.path("kind")));
    if (facets.path("source").size() > 0) {
      out.printf("sources: %s%n", buckets(facets.path("source")));
    }
    if (response.has("next_cursor")) {
      out.println("(more results: use --json and pass next_cursor as cursor to the API)");
    }
  }

  private static String sources(JsonNode r) {
    StringBuilder s = new StringBuilder();
    r.path("sources").forEach(x -> s.append(s.length() == 0 ? "" : ", ").append(x.asText()));
    return s.toString();
  }

  private static String buckets(JsonNode buckets) {
    StringBuilder s = new StringBuilder();
    buckets.forEach(
        b ->
            s.append(s.length() == 0 ? "" : ", ")
                .append(b.path("value").asText())
                .append(" ")
                .append(b.path("count").asLong()));
    return s.toString();
  }

  /**
   * The API's snippet (escaped HTML with em marks) for a terminal: marks in bold, entities decoded.
   */
  static String snippet(String html, boolean terminal) {
    String marked =
        terminal
            ? html.replace("<em>", "\u001b[1m").replace("</em>", "\u001b[0m")
            : html.replace("<em>", "*").replace("</em>", "*");
    return marked
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
