package org.newsindex.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationLogTest {
  @Test
  void eachInvocationIsOneJsonLineInEmbeddedMetricFormat() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      InvocationLog.write(
          null,
          "query",
          "ok",
          12,
          Map.of("status", 200),
          List.of(new InvocationLog.Metric("ItemsRead", "Count", 7)));
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    assertEquals(1, out.lines().count());
    JsonNode line = new ObjectMapper().readTree(out);
    JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertEquals("newsindex", directive.path("Namespace").asText());
    assertEquals("[[\"Function\"]]", directive.path("Dimensions").toString());
    for (JsonNode metric : directive.path("Metrics")) {
      assertTrue(
          line.has(metric.path("Name").asText()), "every declared metric has a value: " + metric);
    }
    assertEquals(7, line.path("ItemsRead").asInt());
    assertEquals(12, line.path("Latency").asInt());
    assertEquals("query", line.path("Function").asText());
    assertTrue(line.path("_aws").path("Timestamp").asLong() > 0);
  }
}
