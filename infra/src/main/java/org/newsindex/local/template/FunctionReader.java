package org.newsindex.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@code AWS::Serverless::Function} (globals already merged): the properties the local
 * runtime needs and its S3, HttpApi, Schedule and ScheduleV2 event sources. Other event types are
 * skipped with a note.
 */
final class FunctionReader {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionReader.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final IntrinsicResolver resolver;

  FunctionReader(IntrinsicResolver resolver) {
    this.resolver = resolver;
  }

  FunctionSpec function(String logicalId, Map<String, Object> properties) {
    String where = logicalId + ".";
    List<S3EventSpec> s3Events = new ArrayList<>();
    List<HttpRouteSpec> routes = new ArrayList<>();
    List<ScheduleSpec> schedules = new ArrayList<>();
    Values.asMap(properties.get("Events"), where + "Events")
        .forEach(
            (eventId, declaration) -> {
              Map<String, Object> event = Values.asMap(declaration, where + "Events." + eventId);
              String type = String.valueOf(event.get("Type"));
              Map<String, Object> eventProperties =
                  Values.asMap(
                      event.get("Properties"), where + "Events." + eventId + ".Properties");
              switch (type) {
                case "S3" -> s3Events.add(s3Event(logicalId, eventId, eventProperties));
                case "HttpApi" -> routes.add(httpRoute(logicalId, eventId, eventProperties));
                case "Schedule" ->
                    schedules.add(
                        schedule(logicalId, eventId, ScheduleSpec.Kind.RULE, eventProperties));
                case "ScheduleV2" ->
                    schedules.add(
                        schedule(logicalId, eventId, ScheduleSpec.Kind.SCHEDULER, eventProperties));
                default ->
                    LOG.debug("event {}.{} ({}) is not run locally", logicalId, eventId, type);
              }
            });
    Object codeUri = resolver.resolve(properties.get("CodeUri"));
    if (!(codeUri instanceof String)) {
      throw new TemplateException(where + "CodeUri must be a local path to run locally");
    }
    return new FunctionSpec(
        logicalId,
        (String) resolver.ref(logicalId),
        resolver.resolveString(properties.get("Handler"), where + "Handler"),
        optionalString(properties.get("Runtime"), where + "Runtime", "java17"),
        (String) codeUri,
        optionalInt(
            properties.get("Timeout"), where + "Timeout", FunctionSpec.DEFAULT_TIMEOUT_SECONDS),
        optionalInt(
            properties.get("MemorySize"), where + "MemorySize", FunctionSpec.DEFAULT_MEMORY_MB),
        optionalInt(
            Values.asMap(properties.get("EventInvokeConfig"), where + "EventInvokeConfig")
                .get("MaximumRetryAttempts"),
            where + "EventInvokeConfig.MaximumRetryAttempts",
            FunctionSpec.DEFAULT_RETRY_ATTEMPTS),
        environment(properties, where),
        s3Events,
        routes,
        schedules);
  }

  private Map<String, String> environment(Map<String, Object> properties, String where) {
    Map<String, Object> environment =
        Values.asMap(properties.get("Environment"), where + "Environment");
    Map<String, String> variables = new LinkedHashMap<>();
    Values.asMap(environment.get("Variables"), where + "Environment.Variables")
        .forEach(
            (name, value) -> {
              Object resolved = resolver.resolve(value);
              if (resolved != null) {
                variables.put(
                    name, Values.asString(resolved, where + "Environment.Variables." + name));
              }
            });
    return variables;
  }

  private S3EventSpec s3Event(String functionId, String eventId, Map<String, Object> properties) {
    String where = functionId + ".Events." + eventId + ".";
    String bucket = resolver.resolveString(properties.get("Bucket"), where + "Bucket");
    Object events = resolver.resolve(properties.get("Events"));
    List<String> eventNames = new ArrayList<>();
    if (events instanceof List<?> list) {
      list.forEach(item -> eventNames.add(Values.asString(item, where + "Events")));
    } else {
      eventNames.add(Values.asString(events, where + "Events"));
    }
    String prefix = "";
    String suffix = "";
    Map<String, Object> filter =
        Values.asMap(resolver.resolve(properties.get("Filter")), where + "Filter");
    Map<String, Object> s3Key = Values.asMap(filter.get("S3Key"), where + "Filter.S3Key");
    for (Object item : Values.asList(s3Key.get("Rules"), where + "Filter.S3Key.Rules")) {
      Map<String, Object> rule = Values.asMap(item, where + "Filter.S3Key.Rules[]");
      String name =
          Values.asString(rule.get("Name"), where + "Filter rule Name").toLowerCase(Locale.ROOT);
      String value = Values.asString(rule.get("Value"), where + "Filter rule Value");
      switch (name) {
        case "prefix" -> prefix = value;
        case "suffix" -> suffix = value;
        default -> throw new TemplateException(where + "Filter rule Name must be prefix or suffix");
      }
    }
    return new S3EventSpec(functionId, eventId, bucket, eventNames, prefix, suffix);
  }

  private HttpRouteSpec httpRoute(
      String functionId, String eventId, Map<String, Object> properties) {
    String where = functionId + ".Events." + eventId + ".";
    String api = HttpApiSpec.IMPLICIT_API;
    if (properties.get("ApiId") instanceof Map<?, ?> apiId && apiId.get("Ref") != null) {
      api = String.valueOf(apiId.get("Ref"));
    }
    Object format = resolver.resolve(properties.get("PayloadFormatVersion"));
    if (format != null && !"2.0".equals(String.valueOf(format))) {
      LOG.warn("{} asks for payload format {}; the local gateway sends 2.0", where, format);
    }
    int timeoutMillis =
        optionalInt(
            properties.get("TimeoutInMillis"),
            where + "TimeoutInMillis",
            HttpRouteSpec.MAX_INTEGRATION_TIMEOUT_MILLIS);
    if (timeoutMillis < HttpRouteSpec.MIN_INTEGRATION_TIMEOUT_MILLIS
        || timeoutMillis > HttpRouteSpec.MAX_INTEGRATION_TIMEOUT_MILLIS) {
      throw new TemplateException(
          where + "TimeoutInMillis must be between 50 and 30000, as an HTTP API allows");
    }
    Object path = resolver.resolve(properties.get("Path"));
    if (path == null) {
      return new HttpRouteSpec(
          functionId, eventId, api, "ANY", HttpRouteSpec.DEFAULT_ROUTE, timeoutMillis);
    }
    Object method = resolver.resolve(properties.get("Method"));
    String methodName =
        method == null ? "ANY" : Values.asString(method, where + "Method").toUpperCase(Locale.ROOT);
    return new HttpRouteSpec(
        functionId, eventId, api, methodName, Values.asString(path, where + "Path"), timeoutMillis);
  }

  private ScheduleSpec schedule(
      String functionId, String eventId, ScheduleSpec.Kind kind, Map<String, Object> properties) {
    String where = functionId + ".Events." + eventId + ".";
    String expressionProperty = kind == ScheduleSpec.Kind.RULE ? "Schedule" : "ScheduleExpression";
    String text =
        resolver.resolveString(properties.get(expressionProperty), where + expressionProperty);
    ScheduleExpression expression;
    try {
      expression = ScheduleExpression.parse(text);
    } catch (TemplateException e) {
      throw new TemplateException(where + expressionProperty + ": " + e.getMessage(), e);
    }
    boolean enabled =
        optionalBoolean(properties.get("Enabled"), where + "Enabled", true)
            && !"DISABLED".equals(optionalString(properties.get("State"), where + "State", ""));
    String name =
        optionalString(
            properties.get("Name"),
            where + "Name",
            resolver.identity().stackName() + "-" + functionId + eventId);
    Object input = resolver.resolve(properties.get("Input"));
    return new ScheduleSpec(
        functionId,
        eventId,
        kind,
        expression,
        enabled,
        name,
        input == null
            ? Optional.empty()
            : Optional.of(json(Values.asString(input, where + "Input"), where + "Input")));
  }

  private static String json(String text, String where) {
    try {
      if (JSON.readTree(text).isMissingNode()) {
        throw new TemplateException(where + " must be JSON, got nothing");
      }
      return text;
    } catch (JsonProcessingException e) {
      throw new TemplateException(
          where + " must be JSON: " + e.getOriginalMessage() + " in '" + text + "'", e);
    }
  }

  private boolean optionalBoolean(Object value, String where, boolean fallback) {
    Object resolved = resolver.resolve(value);
    if (resolved == null) {
      return fallback;
    }
    String text = Values.asString(resolved, where).trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new TemplateException(where + " must be true or false, got '" + text + "'");
  }

  private String optionalString(Object value, String where, String fallback) {
    Object resolved = resolver.resolve(value);
    return resolved == null ? fallback : Values.asString(resolved, where);
  }

  private int optionalInt(Object value, String where, int fallback) {
    Object resolved = resolver.resolve(value);
    return resolved == null ? fallback : Values.asInt(resolved, where);
  }
}
