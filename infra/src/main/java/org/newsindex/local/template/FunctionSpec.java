package org.newsindex.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lambda function the template declares, after {@code Globals} are merged in and every value is
 * resolved: handler, code location, limits, environment and event sources.
 */
public record FunctionSpec(
    String logicalId,
    String name,
    String handler,
    String runtime,
    String codeUri,
    int timeoutSeconds,
    int memoryMb,
    int maximumRetryAttempts,
    Map<String, String> environment,
    List<S3EventSpec> s3Events,
    List<HttpRouteSpec> httpRoutes,
    List<ScheduleSpec> schedules) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 3;
  public static final int DEFAULT_MEMORY_MB = 128;
  public static final int DEFAULT_RETRY_ATTEMPTS = 2;

  public FunctionSpec {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    s3Events = List.copyOf(s3Events);
    httpRoutes = List.copyOf(httpRoutes);
    schedules = List.copyOf(schedules);
  }

  /** The handler class: the part of {@code Handler} before {@code ::}. */
  public String handlerClass() {
    int separator = handler.indexOf("::");
    return separator < 0 ? handler : handler.substring(0, separator);
  }

  /** The handler method: the part after {@code ::}, or {@code handleRequest}. */
  public String handlerMethod() {
    int separator = handler.indexOf("::");
    return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
  }
}
