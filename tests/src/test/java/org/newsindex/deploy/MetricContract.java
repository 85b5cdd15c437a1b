package org.newsindex.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.newsindex.local.template.IntrinsicResolver;

/**
 * Alarms on the code's own metrics, checked against what its log lines publish in CloudWatch
 * Embedded Metric Format: an alarm outside the {@code AWS/} namespaces must name a namespace, a
 * metric and dimensions (names and values) that some line publishes, or it would watch a metric
 * nobody sends and never fire.
 */
final class MetricContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One metric a log line publishes: its namespace, name and dimensions with their values. */
  record Published(String namespace, String metric, Map<String, String> dimensions) {}

  private MetricContract() {}

  /** The metrics a log line publishes (none if it is not an Embedded Metric Format line). */
  static List<Published> published(String logLine) {
    JsonNode line;
    try {
      line = JSON.readTree(logLine);
    } catch (Exception e) {
      return List.of();
    }
    List<Published> published = new ArrayList<>();
    for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
      for (JsonNode dimensionSet : directive.path("Dimensions")) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensionSet.forEach(d -> dimensions.put(d.asText(), line.path(d.asText()).asText()));
        for (JsonNode metric : directive.path("Metrics")) {
          published.add(
              new Published(
                  directive.path("Namespace").asText(), metric.path("Name").asText(), dimensions));
        }
      }
    }
    return published;
  }

  /** The alarms of the template that watch a metric outside the AWS/ namespaces. */
  static List<String> customMetricAlarms(Map<String, Object> template) {
    List<String> alarms = new ArrayList<>();
    map(template.get("Resources"))
        .forEach(
            (id, declaration) -> {
              Map<String, Object> resource = map(declaration);
              Object namespace = map(resource.get("Properties")).get("Namespace");
              if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))
                  && !String.valueOf(namespace).startsWith("AWS/")) {
                alarms.add(id);
              }
            });
    return alarms;
  }

  /** Each alarm on a custom metric that no published metric matches, as "alarm: why". */
  static List<String> violations(Map<String, Object> template, List<Published> published) {
    IntrinsicResolver resolver = PolicyContract.resolver(template, Map.of());
    List<String> violations = new ArrayList<>();
    for (String id : customMetricAlarms(template)) {
      Map<String, Object> properties =
          map(resolver.resolve(map(map(template.get("Resources")).get(id)).get("Properties")));
      if (!properties.containsKey("MetricName")) {
        violations.add(id + ": watches metric math, which this check cannot follow");
        continue;
      }
      Published watched =
          new Published(
              String.valueOf(properties.get("Namespace")),
              String.valueOf(properties.get("MetricName")),
              dimensions(properties.get("Dimensions")));
      if (!published.contains(watched)) {
        violations.add(id + ": " + mismatch(watched, published));
      }
    }
    return violations;
  }

  private static String mismatch(Published watched, List<Published> published) {
    List<Published> inNamespace =
        published.stream().filter(p -> p.namespace().equals(watched.namespace())).toList();
    if (inNamespace.isEmpty()) {
      return "the code publishes nothing in namespace "
          + watched.namespace()
          + " (it publishes in "
          + new TreeSet<>(published.stream().map(Published::namespace).toList())
          + ")";
    }
    List<Published> sameMetric =
        inNamespace.stream().filter(p -> p.metric().equals(watched.metric())).toList();
    if (sameMetric.isEmpty()) {
      return "the code publishes no metric "
          + watched.metric()
          + " in "
          + watched.namespace()
          + " (it publishes "
          + new TreeSet<>(inNamespace.stream().map(Published::metric).toList())
          + ")";
    }
    return "watches "
        + watched.metric()
        + " with dimensions "
        + watched.dimensions()
        + ", but the code publishes it with "
        + sameMetric.stream().map(Published::dimensions).toList();
  }

  private static Map<String, String> dimensions(Object value) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        Map<String, Object> dimension = map(item);
        dimensions.put(
            String.valueOf(dimension.get("Name")), String.valueOf(dimension.get("Value")));
      }
    }
    return dimensions;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
