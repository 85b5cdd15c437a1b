package org.newsindex.local.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * (parent: the platform loader, so the jar must be complete, as on AWS), invoked in execution
 * environments that are created on first need and reused, with events and responses passed through
 * the serializers of Lambda's Java runtime and the template's timeout enforced.
 */
public final class FunctionRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);

  /**
   * Lambda's limit on a response, in UTF-8 bytes of the serialized response: "6 MB", which its
   * error message gives as 6,291,556 bytes.
   */
  public static final int MAX_RESPONSE_BYTES = 6_291_556;

  private final FunctionSpec spec;
  private final String arn;
  private final URLClassLoader loader;
  private final HandlerMethod handler;
  private final ExecutionEnvironments environments;
  private final RuntimeSerializers serializers;
  private final InvocationLog log;
  private final ExecutorService threads;

  private FunctionRuntime(
      FunctionSpec spec, Map<String, String> environment, String arn, Path jar, InvocationLog log) {
    this.spec = spec;
    this.arn = arn;
    this.log = log;
    this.loader = classLoader(spec, jar);
    try {
      Class<?> handlerClass = Class.forName(spec.handlerClass(), false, loader);
      this.handler = HandlerMethod.find(handlerClass, spec.handlerMethod());
    } catch (ClassNotFoundException | LinkageError | FunctionLoadException e) {
      closeQuietly(loader);
      throw e instanceof FunctionLoadException loadError
          ? loadError
          : new FunctionLoadException(
              spec.logicalId() + ": handler class " + spec.handlerClass() + " is not in " + jar, e);
    }
    this.environments = new ExecutionEnvironments(spec.handlerClass(), loader, environment);
    this.serializers = new RuntimeSerializers(loader);
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "lambda-" + spec.logicalId() + "-" + count.incrementAndGet());
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

  /**
   * Invokes the function once and waits for it, failing it if it runs past its timeout.
   *
   * @param source what started the invocation, for the invocation log
   * @param attempt which try of an asynchronous event this is (1 otherwise)
   */
  public InvocationResult invoke(String eventJson, String source, int attempt) {
    String requestId = UUID.randomUUID().toString();
    Instant start = Instant.now();
    List<String> logs = java.util.Collections.synchronizedList(new ArrayList<>());
    InvocationResult result;
    try {
      String response = runWithTimeout(eventJson, requestId, logs);
      if (response.getBytes(StandardCharsets.UTF_8).length > MAX_RESPONSE_BYTES) {
        // The handler ran to the end, but Lambda fails the invocation, for every caller.
        String message =
            "Response payload size exceeded maximum allowed payload size ("
                + MAX_RESPONSE_BYTES
                + " bytes).";
        result =
            failed(
                requestId,
                start,
                new FunctionError("Function.ResponseSizeTooLarge", message, List.of()),
                logs);
        LOG.warn("{} (request {}): {}", spec.logicalId(), requestId, message);
      } else {
        result =
            InvocationResult.success(
                requestId, Duration.between(start, Instant.now()), response, List.copyOf(logs));
      }
    } catch (TimeoutException e) {
      String message = String.format("Task timed out after %d.00 seconds", spec.timeoutSeconds());
      result =
          failed(requestId, start, new FunctionError("Sandbox.Timedout", message, List.of()), logs);
      LOG.warn("{} (request {}): {}", spec.logicalId(), requestId, message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = failed(requestId, start, FunctionError.of(e), logs);
    } catch (Exception | LinkageError e) {
      Throwable cause = unwrap(e);
      result = failed(requestId, start, FunctionError.of(cause), logs);
      if (attempt == 1) {
        LOG.warn("{} failed (request {})", spec.logicalId(), requestId, cause);
      } else {
        LOG.warn("{} failed again (request {}): {}", spec.logicalId(), requestId, cause.toString());
      }
    }
    log.add(new InvocationRecord(start, spec.logicalId(), source, attempt, eventJson, result));
    return result;
  }

  private String runWithTimeout(String eventJson, String requestId, List<String> logs)
      throws Exception {
    ExecutionEnvironments.Environment environment = environments.take();
    long timeoutMillis = spec.timeoutSeconds() * 1000L;
    long deadline = System.currentTimeMillis() + timeoutMillis;
    Future<String> run =
        threads.submit(() -> call(environment, eventJson, requestId, deadline, logs));
    try {
      String response = run.get(timeoutMillis, TimeUnit.MILLISECONDS);
      environments.giveBack(environment);
      return response;
    } catch (ExecutionException e) {
      environments.giveBack(environment);
      throw e;
    } catch (TimeoutException e) {
      // Like Lambda, a timed-out environment is discarded rather than reused.
      run.cancel(true);
      throw e;
    }
  }

  private String call(
      ExecutionEnvironments.Environment environment,
      String eventJson,
      String requestId,
      long deadline,
      List<String> logs)
      throws Exception {
    Object[] arguments = new Object[handler.method().getParameterCount()];
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    if (handler.streaming()) {
      arguments[0] = new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8));
      arguments[1] = streamed;
    } else if (arguments.length > 0) {
      arguments[0] = serializers.forType(handler.eventType()).fromJson(eventJson);
    }
    if (handler.contextType().isPresent()) {
      LambdaContext.Values values =
          new LambdaContext.Values(
              requestId,
              spec.logicalId(),
              spec.name(),
              arn,
              spec.memoryMb(),
              environment.logStreamName(),
              deadline);
      arguments[arguments.length - 1] =
          LambdaContext.create(handler.contextType().get(), values, logs::add);
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
    return result == null ? "null" : serialize(result);
  }

  private String serialize(Object result) throws Exception {
    Type declared = handler.method().getGenericReturnType();
    boolean concrete =
        (declared instanceof Class<?> && declared != Object.class)
            || declared instanceof ParameterizedType;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializers.forType(concrete ? declared : result.getClass()).toJson(result, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private InvocationResult failed(
      String requestId, Instant start, FunctionError error, List<String> logs) {
    return InvocationResult.failure(
        requestId, Duration.between(start, Instant.now()), error, List.copyOf(logs));
  }

  private static URLClassLoader classLoader(FunctionSpec spec, Path jar) {
    try {
      return new URLClassLoader(
          "lambda:" + spec.logicalId(),
          new URL[] {jar.toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new FunctionLoadException("bad jar path " + jar, e);
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

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      LOG.debug("closing a function class loader: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    try {
      serializers.close();
    } catch (IOException e) {
      LOG.debug("closing the serialization class loader: {}", e.getMessage());
    }
    closeQuietly(loader);
  }
}
