package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.api.Json;

/**
 * Writes one structured JSON line per invocation (request id, function, outcome, latency, counts;
 * no document text, no secrets) to the function's log. The line is also in CloudWatch Embedded
 * Metric Format: its {@code _aws} block turns the named numbers into CloudWatch metrics in the
 * {@value #NAMESPACE} namespace, with no API calls.
 */
final class InvocationLog {
  static final String NAMESPACE = "newsindex";

  private InvocationLog() {}

  /** A metric to publish from the line: its name, unit and value. */
  record Metric(String name, String unit, double value) {}

  static void write(
      Context context, String function, String outcome, long millis, Map<String, Object> details) {
    write(context, function, outcome, millis, details, List.of());
  }

  static void write(
      Context context,
      String function,
      String outcome,
      long millis,
      Map<String, Object> details,
      List<Metric> metrics) {
    Map<String, Object> line = new LinkedHashMap<>();
    List<Metric> all = new ArrayList<>(metrics);
    all.add(new Metric("Latency", "Milliseconds", millis));
    if (outcome.equals("error")) {
      all.add(new Metric("Errors", "Count", 1));
    }
    List<Map<String, String>> definitions = new ArrayList<>();
    all.forEach(m -> definitions.add(Map.of("Name", m.name(), "Unit", m.unit())));
    line.put(
        "_aws",
        Map.of(
            "Timestamp",
            System.currentTimeMillis(),
            "CloudWatchMetrics",
            List.of(
                Map.of(
                    "Namespace",
                    NAMESPACE,
                    "Dimensions",
                    List.of(List.of("Function")),
                    "Metrics",
                    definitions))));
    line.put("Function", function);
    line.put("level", outcome.equals("error") ? "ERROR" : "INFO");
    line.put("request_id", context == null ? "" : context.getAwsRequestId());
    line.put("outcome", outcome);
    line.put("latency_ms", millis);
    line.putAll(details);
    all.forEach(m -> line.put(m.name(), m.value()));
    String json = Json.write(line);
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(json + "\n");
    } else {
      System.out.println(json);
    }
  }
}
