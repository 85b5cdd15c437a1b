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
 * Lambda's GB-seconds), and the DynamoDB items and write units each reported. The cloud keeps only
 * recent records, so the tally is taken often while ingest runs.
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

  void collect(LocalCloud cloud) {
    for (InvocationRecord r : cloud.invocations()) {
      if (!INGEST_FUNCTIONS.contains(r.functionLogicalId()) || !seen.add(r.result().requestId())) {
        continue;
      }
      invocations++;
      seconds += r.result().duration().toNanos() / 1e9;
      if (r.result().succeeded()) {
        try {
          JsonNode body = JSON.readTree(JSON.readTree(r.result().response()).asText());
          JsonNode usage = body.path("dynamodb");
          itemsWritten += usage.path("items_written").asLong();
          writeUnits += usage.path("write_units").asLong();
          readUnits += usage.path("read_units").asDouble();
          dynamoDbRequests += usage.path("requests").asLong();
        } catch (IOException e) {
          throw new IllegalStateException(
              "unreadable ingest response: " + r.result().response(), e);
        }
      }
    }
  }
}
