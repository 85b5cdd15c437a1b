package org.newsindex.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test function: reports what its Lambda Context says, and logs through the context's logger; with
 * {@code "fail": true} in its event it throws once it has logged.
 */
public final class ContextHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    context.getLogger().log("context handler called");
    if (Boolean.TRUE.equals(event.get("fail"))) {
      throw new IllegalStateException("asked to fail");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("requestId", context.getAwsRequestId());
    values.put("functionName", context.getFunctionName());
    values.put("functionVersion", context.getFunctionVersion());
    values.put("arn", context.getInvokedFunctionArn());
    values.put("memory", context.getMemoryLimitInMB());
    values.put("remaining", context.getRemainingTimeInMillis());
    values.put("logGroup", context.getLogGroupName());
    values.put("classLoader", getClass().getClassLoader().getName());
    return values;
  }
}
