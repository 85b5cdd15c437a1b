package org.newsindex.local.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The method Lambda's Java runtime would call for a {@code Handler} string, with the shapes it
 * accepts: {@code (event)}, {@code (event, Context)} and {@code (InputStream, OutputStream,
 * Context)}.
 *
 * @param eventType the type the event JSON is read into (unused for stream handlers)
 * @param contextType the function's own {@code Context} interface, if the method takes one
 */
record HandlerMethod(
    Method method, Type eventType, Optional<Class<?>> contextType, boolean streaming) {
  private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";

  static HandlerMethod find(Class<?> handlerClass, String name) {
    Method method =
        Arrays.stream(handlerClass.getMethods())
            .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .filter(HandlerMethod::acceptable)
            .max(Comparator.comparingInt(Method::getParameterCount))
            .orElseThrow(
                () ->
                    new FunctionLoadException(
                        handlerClass.getName()
                            + " has no public method "
                            + name
                            + "(event[, Context]) or "
                            + name
                            + "(InputStream, OutputStream, Context)"));
    Class<?>[] parameters = method.getParameterTypes();
    boolean streaming = parameters.length == 3;
    Optional<Class<?>> context =
        parameters.length >= 2 ? Optional.of(parameters[parameters.length - 1]) : Optional.empty();
    Type eventType = parameters.length == 0 ? Void.class : method.getGenericParameterTypes()[0];
    return new HandlerMethod(method, eventType, context, streaming);
  }

  private static boolean acceptable(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    return switch (parameters.length) {
      case 0, 1 -> true;
      case 2 -> parameters[1].getName().equals(CONTEXT);
      case 3 ->
          parameters[0] == InputStream.class
              && parameters[1] == OutputStream.class
              && parameters[2].getName().equals(CONTEXT);
      default -> false;
    };
  }
}
