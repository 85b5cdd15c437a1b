package org.newsindex.local.lambda;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A function's execution environments: handler instances, each used by one invocation at a time and
 * kept for the next, created on demand (a cold start) when every existing one is busy.
 */
final class ExecutionEnvironments {
  private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  /** A handler instance and the log stream it writes to. */
  record Environment(Object handler, String logStreamName) {}

  private final String handlerClass;
  private final ClassLoader loader;
  private final Map<String, String> variables;
  private final ConcurrentLinkedDeque<Environment> idle = new ConcurrentLinkedDeque<>();

  ExecutionEnvironments(String handlerClass, ClassLoader loader, Map<String, String> variables) {
    this.handlerClass = handlerClass;
    this.loader = loader;
    this.variables = Map.copyOf(variables);
  }

  /**
   * An idle environment, or a new one: the handler built with its environment map if it takes one.
   */
  Environment take() throws Exception {
    Environment environment = idle.pollFirst();
    return environment != null ? environment : create();
  }

  /** Returns an environment for reuse; one whose invocation timed out is simply not returned. */
  void giveBack(Environment environment) {
    idle.addFirst(environment);
  }

  private Environment create() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> type = Class.forName(handlerClass, true, loader);
      Object instance;
      try {
        Constructor<?> withEnvironment = type.getConstructor(Map.class);
        instance = withEnvironment.newInstance(variables);
      } catch (NoSuchMethodException e) {
        instance = type.getConstructor().newInstance();
      }
      String stream =
          LocalDate.now(ZoneOffset.UTC).format(STREAM_DATE)
              + "/[$LATEST]"
              + UUID.randomUUID().toString().replace("-", "");
      return new Environment(instance, stream);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
