package org.newsindex.local.testhandlers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test function: answers HTTP events with their route key and path parameters, S3 events with "ok".
 */
public final class EchoHandler {
  public Map<String, Object> handleRequest(Map<String, Object> event) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("statusCode", 200);
    response.put("headers", Map.of("content-type", "text/plain"));
    response.put("cookies", List.of("seen=1; Path=/"));
    response.put("body", event.get("routeKey") + " " + event.get("pathParameters"));
    return response;
  }
}
