package org.newsindex.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackSpec;

/**
 * What each function of the template must agree on with the code in the deployable jar: its handler
 * exists and takes the event type its event sources send, and its environment sets every variable
 * the handler needs and no variable the code never reads.
 */
final class FunctionContract {
  static final String S3_EVENT = "com.amazonaws.services.lambda.runtime.events.S3Event";
  static final String HTTP_API_EVENT =
      "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
  static final String SCHEDULED_EVENT =
      "com.amazonaws.services.lambda.runtime.events.ScheduledEvent";

  /** Read by the JVM itself, not by the code. */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

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

  static List<String> violations(StackSpec stack, FunctionsJar jar) {
    List<String> violations = new ArrayList<>();
    Set<String> read = jar.variablesSettingsRead();
    for (FunctionSpec function : stack.functions()) {
      String name = function.logicalId();
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

  private static boolean hasHandlerMethod(Class<?> handler, String method) {
    for (Method candidate : handler.getMethods()) {
      if (candidate.getName().equals(method) && !Modifier.isStatic(candidate.getModifiers())) {
        return true;
      }
    }
    return false;
  }
}
