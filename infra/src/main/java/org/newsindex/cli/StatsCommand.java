package org.newsindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsindex stats}: what the index holds and what became of the uploaded files. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the index's documents by kind, files waiting to be indexed, and the uploaded files by"
          + " status",
      "(ingested, rejected with the most common reasons, deleted, pending)."
    })
final class StatsCommand implements Callable<Integer> {
  private static final int MAX_FILES = 100_000;

  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "The API (default: the running local cloud's).")
  Optional<URI> api;

  @Override
  public Integer call() {
    ApiClient client = new ApiClient(api.orElseGet(() -> RunningCloud.require().api()));
    JsonNode health = client.get("/health");
    JsonNode documents = health.path("documents");
    System.out.printf(
        "documents: %,d (%,d articles, %,d headlines); files waiting to be indexed: %d%n",
        documents.path("total").asLong(),
        documents.path("article").asLong(),
        documents.path("headline").asLong(),
        health.path("pending_files").asLong());
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    String cursor = null;
    long files = 0;
    do {
      JsonNode page =
          client.get("/sources?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode f : page.path("sources")) {
        files++;
        byStatus.merge(f.path("status").asText(), 1L, Long::sum);
        if (f.has("reason")) {
          reasons.merge(f.path("reason").asText(), 1L, Long::sum);
        }
      }
      cursor = page.has("next_cursor") ? page.path("next_cursor").asText() : null;
    } while (cursor != null && files < MAX_FILES);
    System.out.printf("files: %,d%s%n", files, files >= MAX_FILES ? "+" : "");
    byStatus.forEach((status, n) -> System.out.printf("  %-9s %,d%n", status, n));
    reasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(5)
        .forEach(e -> System.out.printf("  %,6d x %s%n", e.getValue(), e.getKey()));
    return 0;
  }
}
