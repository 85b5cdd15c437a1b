package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsindex.api.Json;

/** Writes one structured JSON line per invocation (no document text, no secrets) to the function's log. */
final class InvocationLog {
  private InvocationLog() {}

  static void write(Context context, String function, String outcome, long millis, Map<String, Object> details) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", outcome.equals("error") ? "ERROR" : "INFO");
    line.put("function", function);
    line.put("request_id", context == null ? "" : context.getAwsRequestId());
    line.put("outcome", outcome);
    line.put("latency_ms", millis);
    line.putAll(details);
    String json = Json.write(line);
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(json + "\n");
    } else {
      System.out.println(json);
    }
  }
}
