package org.newsindex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.newsindex.local.LocalCloud;
import org.newsindex.local.lambda.InvocationRecord;

/**
 * Adds up the ingest side's invocations as the local cloud records them: how many, how long (for
 * Lambda's GB-seconds), and the DynamoDB items and write units each reported, a failed one's too
 * (from its last log line: its writes are paid for all the same). The cloud keeps only recent
 * records, so the tally is taken often while ingest runs.
 */
final class InvocationTally {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INGEST_FUNCTIONS = Set.of("IngestFunction", "CompactFunction");

  private final Set<String> seen = new HashSet<>();
  long invocations;
  double seconds;
  long itemsWritten;
  long writeUnits;
  double readUnits;
  long dynamoDbRequests;
  long failed;
  long failedWithUsage;

  void collect(LocalCloud cloud) {
    for (InvocationRecord r : cloud.invocations()) {
      if (!INGEST_FUNCTIONS.contains(r.functionLogicalId()) || !seen.add(r.result().requestId())) {
        continue;
      }
      invocations++;
      seconds += r.result().duration().toNanos() / 1e9;
      // A failed invocation spent what it wrote before it failed: its handler's last log line says
      // how much (one stopped by its timeout before it logged is counted as having spent nothing).
      JsonNode usage =
          r.result().succeeded()
              ? responseBody(r).path("dynamodb")
              : loggedUsage(r.result().logs()).orElse(JSON.missingNode());
      if (!r.result().succeeded()) {
        failed++;
        failedWithUsage += usage.isMissingNode() ? 0 : 1;
      }
      itemsWritten += usage.path("items_written").asLong();
      writeUnits += usage.path("write_units").asLong();
      readUnits += usage.path("read_units").asDouble();
      dynamoDbRequests += usage.path("requests").asLong();
    }
  }

  private static JsonNode responseBody(InvocationRecord r) {
    try {
      return JSON.readTree(JSON.readTree(r.result().response()).asText());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable ingest response: " + r.result().response(), e);
    }
  }

  /** The DynamoDB usage in the last of {@code logs} that is a JSON object reporting one. */
  static java.util.Optional<JsonNode> loggedUsage(java.util.List<String> logs) {
    for (int i = logs.size() - 1; i >= 0; i--) {
      String line = logs.get(i).strip();
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode usage = JSON.readTree(line).path("dynamodb");
        if (usage.isObject()) {
          return java.util.Optional.of(usage);
        }
      } catch (IOException e) {
        // not a JSON line: look further back
      }
    }
    return java.util.Optional.empty();
  }
}
