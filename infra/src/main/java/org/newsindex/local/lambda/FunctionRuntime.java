package org.newsindex.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsindex.local.template.FunctionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deployed function: its handler loaded from the deployable jar in an isolated class loader
 * (parent: the platform loader, so the jar must be complete, as on AWS), and a pool of execution
 * environments (handler instances), one per concurrent invocation, created on first need.
 *
 * <p>Events and responses go through the serializers of Lambda's Java runtime. A handler
 * instance is built with its {@code (Map<String,String> environment)} constructor if it has one,
 * else with the no-argument constructor.
 */
public final class FunctionRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);
  private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private final FunctionSpec spec;
  private final Map<String, String> environment;
  private final String arn;
  private final URLClassLoader loader;
  private final Class<?> handlerClass;
  private final HandlerMethod handler;
  private final InvocationLog log;
  private final ConcurrentLinkedDeque<Environment> idle = new ConcurrentLinkedDeque<>();
  private final Map<Class<?>, PojoSerializer<Object>> serializers = new ConcurrentHashMap<>();
  private final ExecutorService threads;

  /** A handler instance and the log stream it writes to: one Lambda execution environment. */
  private record Environment(Object handler, String logStreamName) {}

  private FunctionRuntime(
      FunctionSpec spec, Map<String, String> environment, String arn, Path jar, InvocationLog log) {
    this.spec = spec;
    this.environment = Map.copyOf(environment);
    this.arn = arn;
    this.log = log;
    try {
      this.loader =
          new URLClassLoader(
              "lambda:" + spec.logicalId(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new FunctionLoadException("bad jar path " + jar, e);
    }
    try {
      this.handlerClass = Class.forName(spec.handlerClass(), false, loader);
      this.handler = HandlerMethod.find(handlerClass, spec.handlerMethod());
    } catch (ClassNotFoundException | LinkageError e) {
      close();
      throw new FunctionLoadException(
          spec.logicalId() + ": handler class " + spec.handlerClass() + " is not in " + jar, e);
    } catch (FunctionLoadException e) {
      close();
      throw e;
    }
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "lambda-" + spec.logicalId() + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              thread.setContextClassLoader(loader);
              return thread;
            });
  }

  /**
   * Loads a function from its jar; fails now if the handler class or method cannot be found.
   *
   * @param environment the function's environment, see {@link FunctionEnvironment}
   * @param arn the function's ARN, reported by {@code Context.getInvokedFunctionArn()}
   */
  public static FunctionRuntime load(
      FunctionSpec spec, Path jar, Map<String, String> environment, String arn, InvocationLog log) {
    return new FunctionRuntime(spec, environment, arn, jar, log);
  }

  public FunctionSpec spec() {
    return spec;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Invokes the function once and waits for it, failing it if it runs past its timeout.
   *
   * @param source what started the invocation, for the invocation log
   * @param attempt which try of an asynchronous event this is (1 otherwise)
   */
  public InvocationResult invoke(String eventJson, String source, int attempt) {
    String requestId = UUID.randomUUID().toString();
    Instant start = Instant.now();
    long timeoutMillis = spec.timeoutSeconds() * 1000L;
    InvocationResult result;
    Environment environment = null;
    try {
      environment = idle.pollFirst();
      if (environment == null) {
        environment = newEnvironment();
      }
      Environment chosen = environment;
      long deadline = System.currentTimeMillis() + timeoutMillis;
      Future<String> run = threads.submit(() -> call(chosen, eventJson, requestId, deadline));
      String response = run.get(timeoutMillis, TimeUnit.MILLISECONDS);
      idle.addFirst(environment);
      result = InvocationResult.success(requestId, Duration.between(start, Instant.now()), response);
    } catch (TimeoutException e) {
      // Like Lambda, a timed-out environment is thrown away rather than reused.
      String message = String.format("Task timed out after %d.00 seconds", spec.timeoutSeconds());
      result = failed(requestId, start, new FunctionError("Sandbox.Timedout", message, List.of()));
    } catch (ExecutionException e) {
      if (environment != null) {
        idle.addFirst(environment);
      }
      result = failed(requestId, start, FunctionError.of(unwrap(e.getCause())));
      LOG.warn("{} failed (request {})", spec.logicalId(), requestId, unwrap(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = failed(requestId, start, FunctionError.of(e));
    } catch (Exception | LinkageError e) {
      Throwable cause = unwrap(e);
      result = failed(requestId, start, FunctionError.of(cause));
      LOG.warn("{} could not start (request {})", spec.logicalId(), requestId, cause);
    }
    log.add(new InvocationRecord(start, spec.logicalId(), source, attempt, eventJson, result));
    return result;
  }

  private InvocationResult failed(String requestId, Instant start, FunctionError error) {
    return InvocationResult.failure(requestId, Duration.between(start, Instant.now()), error);
  }

  private String call(Environment environment, String eventJson, String requestId, long deadline)
      throws Exception {
    Object[] arguments = new Object[handler.method().getParameterCount()];
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    if (handler.streaming()) {
      arguments[0] = new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8));
      arguments[1] = streamed;
    } else if (arguments.length > 0) {
      arguments[0] = serializer(handler.eventType()).fromJson(eventJson);
    }
    if (handler.contextType().isPresent()) {
      arguments[arguments.length - 1] =
          LambdaContext.create(
              handler.contextType().get(),
              new LambdaContext.Values(
                  requestId,
                  spec.logicalId(),
                  spec.name(),
                  arn,
                  spec.memoryMb(),
                  environment.logStreamName(),
                  deadline));
    }
    Object result;
    try {
      result = handler.method().invoke(environment.handler(), arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (handler.streaming()) {
      return streamed.toString(StandardCharsets.UTF_8);
    }
    if (result == null) {
      return "null";
    }
    Class<?> declared = handler.method().getReturnType();
    Class<?> type = declared == Object.class ? result.getClass() : declared;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer(type).toJson(result, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private PojoSerializer<Object> serializer(Class<?> type) {
    return serializers.computeIfAbsent(
        type, t -> LambdaEventSerializers.serializerFor((Class<Object>) t, loader));
  }

  private Environment newEnvironment() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> type = Class.forName(handlerClass.getName(), true, loader);
      Object instance;
      try {
        Constructor<?> withEnvironment = type.getConstructor(Map.class);
        instance = withEnvironment.newInstance(environment);
      } catch (NoSuchMethodException e) {
        instance = type.getConstructor().newInstance();
      }
      String stream =
          LocalDate.now(ZoneOffset.UTC).format(STREAM_DATE)
              + "/[$LATEST]"
              + UUID.randomUUID().toString().replace("-", "");
      LOG.debug("{}: new execution environment {}", spec.logicalId(), stream);
      return new Environment(instance, stream);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof InvocationTargetException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  @Override
  public void close() {
    if (threads != null) {
      threads.shutdownNow();
    }
    try {
      loader.close();
    } catch (IOException e) {
      LOG.debug("closing the class loader of {}: {}", spec.logicalId(), e.getMessage());
    }
  }
}
