package org.newsindex.local.lambda;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code Context} a handler receives, as a proxy of the function's own copy of the
 * interface (it lives in the function's class loader, not ours), with a logger writing to stderr
 * and to the invocation's record.
 */
final class LambdaContext {
  private LambdaContext() {}

  /** What the context reports about the current invocation. */
  record Values(
      String requestId,
      String functionLogicalId,
      String functionName,
      String functionArn,
      int memoryMb,
      String logStreamName,
      long deadlineMillis) {}

  /** A context whose logger writes each line to stderr and hands it to {@code lines}. */
  static Object create(
      Class<?> contextInterface, Values values, java.util.function.Consumer<String> lines) {
    Object logger = logger(loggerInterface(contextInterface), values.functionLogicalId(), lines);
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getAwsRequestId" -> values.requestId();
              case "getLogGroupName" -> "/aws/lambda/" + values.functionName();
              case "getLogStreamName" -> values.logStreamName();
              case "getFunctionName" -> values.functionName();
              case "getFunctionVersion" -> "$LATEST";
              case "getInvokedFunctionArn" -> values.functionArn();
              case "getRemainingTimeInMillis" ->
                  (int) Math.max(0, values.deadlineMillis() - System.currentTimeMillis());
              case "getMemoryLimitInMB" -> values.memoryMb();
              case "getLogger" -> logger;
              default -> objectMethod(proxy, method, args, "Context " + values.requestId());
            };
    return Proxy.newProxyInstance(
        contextInterface.getClassLoader(), new Class<?>[] {contextInterface}, handler);
  }

  private static Class<?> loggerInterface(Class<?> contextInterface) {
    try {
      return contextInterface.getMethod("getLogger").getReturnType();
    } catch (NoSuchMethodException e) {
      throw new FunctionLoadException(contextInterface + " has no getLogger()", e);
    }
  }

  private static Object logger(
      Class<?> loggerInterface, String prefix, java.util.function.Consumer<String> lines) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("log") && args != null && args.length >= 1) {
            Object message = args[0];
            String text =
                message instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8)
                    : String.valueOf(message);
            String level = args.length == 2 ? args[1] + " " : "";
            System.err.println("[" + prefix + "] " + level + stripTrailingNewline(text));
            lines.accept(stripTrailingNewline(text));
            return null;
          }
          return objectMethod(proxy, method, args, "LambdaLogger " + prefix);
        };
    return Proxy.newProxyInstance(
        loggerInterface.getClassLoader(), new Class<?>[] {loggerInterface}, handler);
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args, String name)
      throws Throwable {
    return switch (method.getName()) {
      case "toString" -> name;
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> {
        if (method.isDefault()) {
          yield InvocationHandler.invokeDefault(proxy, method, args);
        }
        yield emptyValue(method.getReturnType());
      }
    };
  }

  private static String stripTrailingNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static Object emptyValue(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return Boolean.FALSE;
    }
    return null;
  }
}
