package org.newsindex.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackSpec;

/**
 * What each function of the template must agree on with the code in the deployable jar: its runtime
 * loads the jar's class files, its handler exists and takes the event type its event sources send,
 * and its environment sets every variable the handler needs and no variable the code never reads.
 */
final class FunctionContract {
  static final String S3_EVENT = "com.amazonaws.services.lambda.runtime.events.S3Event";
  static final String HTTP_API_EVENT =
      "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
  static final String SCHEDULED_EVENT =
      "com.amazonaws.services.lambda.runtime.events.ScheduledEvent";

  /** Read by the JVM itself, not by the code. */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  /** Lambda's Java runtimes: java8.al2, java11, ..., java25. */
  private static final Pattern JAVA_RUNTIME = Pattern.compile("java(\\d+)(\\.al2)?");

  /** From this release on, Lambda keeps the JVM's own tiered compilation under SnapStart. */
  private static final int FULL_TIERED_UNDER_SNAPSTART = 25;

  private FunctionContract() {}

  /** The event types the function's event sources deliver (payload 2.0 for HttpApi). */
  static Set<String> eventTypes(FunctionSpec function) {
    Set<String> types = new LinkedHashSet<>();
    if (!function.s3Events().isEmpty()) {
      types.add(S3_EVENT);
    }
    if (!function.httpRoutes().isEmpty()) {
      types.add(HTTP_API_EVENT);
    }
    for (ScheduleSpec schedule : function.schedules()) {
      // EventBridge Scheduler (ScheduleV2) sends the target's Input, which has no fixed type.
      if (schedule.kind() == ScheduleSpec.Kind.RULE) {
        types.add(SCHEDULED_EVENT);
      }
    }
    return types;
  }

  /** The Java release of a Lambda runtime identifier, if it is one of Lambda's Java runtimes. */
  static OptionalInt javaRelease(String runtime) {
    Matcher java = JAVA_RUNTIME.matcher(runtime);
    return java.matches() ? OptionalInt.of(Integer.parseInt(java.group(1))) : OptionalInt.empty();
  }

  static List<String> violations(StackSpec stack, FunctionsJar jar) {
    List<String> violations = new ArrayList<>();
    Set<String> read = jar.variablesSettingsRead();
    FunctionsJar.Bytecode bytecode = jar.bytecode();
    for (FunctionSpec function : stack.functions()) {
      String name = function.logicalId();
      OptionalInt release = javaRelease(function.runtime());
      if (release.isEmpty()) {
        violations.add(name + ": runtime " + function.runtime() + " is not a Java runtime");
      } else if (release.getAsInt() < bytecode.javaRelease()) {
        violations.add(
            name
                + ": runtime "
                + function.runtime()
                + " cannot load "
                + bytecode.example()
                + ", compiled for Java "
                + bytecode.javaRelease());
      }
      Optional<Class<?>> handler = jar.find(function.handlerClass());
      if (handler.isEmpty()) {
        violations.add(
            name + ": handler class " + function.handlerClass() + " is not in the deployable jar");
        continue;
      }
      if (!hasHandlerMethod(handler.get(), function.handlerMethod())) {
        violations.add(
            name
                + ": "
                + function.handlerClass()
                + " has no public method "
                + function.handlerMethod());
      }
      Set<String> delivered = eventTypes(function);
      Optional<String> input = FunctionsJar.requestHandlerInput(handler.get());
      if (input.isEmpty()) {
        violations.add(
            name + ": " + function.handlerClass() + " does not implement RequestHandler");
      } else if (delivered.size() > 1) {
        violations.add(
            name + ": its events deliver several types " + delivered + " to one handler");
      } else if (delivered.size() == 1 && !delivered.contains(input.get())) {
        violations.add(
            name
                + ": its events deliver "
                + delivered.iterator().next()
                + " but "
                + function.handlerClass()
                + " takes "
                + input.get());
      }
      for (String needed : jar.variablesRequiredBy(handler.get())) {
        if (!function.environment().containsKey(needed)) {
          violations.add(
              name
                  + ": "
                  + function.handlerClass()
                  + " needs "
                  + needed
                  + ", which the template does not set");
        }
      }
      for (String set : function.environment().keySet()) {
        if (!read.contains(set) && !JVM_VARIABLES.contains(set)) {
          violations.add(name + ": the template sets " + set + ", which the code never reads");
        }
      }
    }
    return violations;
  }

  /**
   * Functions whose {@code JAVA_TOOL_OPTIONS} stop tiered compilation early although they run with
   * SnapStart on a runtime where Lambda keeps the JVM's full tiered compilation: compiling happens
   * before the snapshot, off the invocation path, and stopping at C1 only gives up C2's speed.
   *
   * @param template the template as written, for SnapStart (the stack does not carry it)
   */
  static List<String> jvmFlagViolations(Map<String, Object> template, StackSpec stack) {
    Object globalSnapStart =
        map(map(map(template.get("Globals")).get("Function")).get("SnapStart"));
    List<String> violations = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      Object own =
          map(map(map(template.get("Resources")).get(function.logicalId())).get("Properties"))
              .get("SnapStart");
      boolean snapStart =
          "PublishedVersions".equals(map(own != null ? own : globalSnapStart).get("ApplyOn"));
      String flags = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
      boolean stopsEarly =
          flags.contains("TieredStopAtLevel") || flags.contains("-XX:-TieredCompilation");
      if (snapStart
          && stopsEarly
          && javaRelease(function.runtime()).orElse(0) >= FULL_TIERED_UNDER_SNAPSTART) {
        violations.add(
            function.logicalId()
                + ": JAVA_TOOL_OPTIONS '"
                + flags
                + "' stops tiered compilation early, but on "
                + function.runtime()
                + " with SnapStart Lambda keeps the JVM's full tiered compilation, which runs"
                + " before the snapshot");
      }
    }
    return violations;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  private static boolean hasHandlerMethod(Class<?> handler, String method) {
    for (Method candidate : handler.getMethods()) {
      if (candidate.getName().equals(method) && !Modifier.isStatic(candidate.getModifiers())) {
        return true;
      }
    }
    return false;
  }
}
