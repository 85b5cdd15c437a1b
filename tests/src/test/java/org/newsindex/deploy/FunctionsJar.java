package org.newsindex.deploy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The deployable jar loaded on its own, as Lambda loads it: handler classes and their event types
 * are looked up in the jar, not in the test's class path, so a class the shade filters dropped is
 * missing here too.
 */
final class FunctionsJar implements AutoCloseable {
  private static final String REQUEST_HANDLER =
      "com.amazonaws.services.lambda.runtime.RequestHandler";
  private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
  private static final Pattern MISSING_VARIABLE =
      Pattern.compile("environment variable (\\w+) is not set");

  private final Path jar;
  private final URLClassLoader loader;

  /** What a handler answered to one request, and the lines it logged while handling it. */
  record Exchange(int status, List<String> logLines) {}

  /** The newest class-file version in the jar, as a Java release, and a class compiled for it. */
  record Bytecode(int javaRelease, String example) {}

  FunctionsJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the functions module first");
    }
    this.jar = jar;
    try {
      this.loader = new JarLoader(jar.toUri().toURL());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Optional<Class<?>> find(String className) {
    try {
      return Optional.of(Class.forName(className, false, loader));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * The event type {@code I} of the {@code RequestHandler<I, O>} the class implements, if it does.
   */
  static Optional<String> requestHandlerInput(Class<?> handler) {
    for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
      for (Type implemented : type.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized
            && parameterized.getRawType().getTypeName().equals(REQUEST_HANDLER)) {
          return Optional.of(parameterized.getActualTypeArguments()[0].getTypeName());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The environment variables {@code Settings.from} reads, found by handing it a map that records
   * every lookup (and answers "1", which every setting accepts).
   */
  Set<String> variablesSettingsRead() {
    Set<String> read = new LinkedHashSet<>();
    Map<String, String> recording =
        new HashMap<>() {
          @Override
          public String get(Object key) {
            read.add(String.valueOf(key));
            return "1";
          }
        };
    try {
      find("org.newsindex.config.Settings")
          .orElseThrow()
          .getMethod("from", Map.class)
          .invoke(null, recording);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Settings.from failed on a map that answers every lookup", e);
    }
    return read;
  }

  /**
   * The environment variables a handler cannot start without: it is built from an empty environment
   * and, each time its constructor reports "environment variable X is not set", again with X added,
   * until it starts.
   */
  Set<String> variablesRequiredBy(Class<?> handler) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        handler.getConstructor(Map.class).newInstance(Map.copyOf(environment));
        return environment.keySet();
      } catch (InvocationTargetException e) {
        Matcher missing = MISSING_VARIABLE.matcher(String.valueOf(e.getCause().getMessage()));
        if (!(e.getCause() instanceof IllegalStateException)
            || !missing.find()
            || environment.containsKey(missing.group(1))) {
          throw new IllegalStateException(handler.getName() + " failed to start", e.getCause());
        }
        environment.put(missing.group(1), "x".repeat(32));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            handler.getName() + " has no public (Map<String,String>) constructor", e);
      }
    }
    throw new IllegalStateException(
        handler.getName() + " keeps asking for more variables: " + environment.keySet());
  }

  /**
   * Starts a handler from {@code environment} and hands it one HTTP API request (payload 2.0, GET
   * {@code path}?{@code rawQuery}) with a context whose logger records what the handler logs; what
   * it prints meanwhile is recorded too, as Lambda's runtime sends stdout and stderr to the log.
   */
  Exchange handleHttpRequest(
      Class<?> handler, Map<String, String> environment, String path, String rawQuery) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
    thread.setContextClassLoader(loader);
    System.setOut(capture);
    System.setErr(capture);
    try {
      Class<?> eventType = find(FunctionContract.HTTP_API_EVENT).orElseThrow();
      Class<?> contextType = find(CONTEXT).orElseThrow();
      Object event = eventType.getConstructor().newInstance();
      eventType.getMethod("setRawPath", String.class).invoke(event, path);
      eventType.getMethod("setRawQueryString", String.class).invoke(event, rawQuery);
      List<String> lines = new ArrayList<>();
      Object instance = handler.getConstructor(Map.class).newInstance(Map.copyOf(environment));
      Object response =
          handler
              .getMethod("handleRequest", eventType, contextType)
              .invoke(instance, event, context(contextType, lines));
      int status = (Integer) response.getClass().getMethod("getStatusCode").invoke(response);
      capture.flush();
      lines.addAll(printed.toString(StandardCharsets.UTF_8).lines().toList());
      return new Exchange(status, List.copyOf(lines));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          handler.getName() + " failed; it printed: " + printed, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(handler.getName() + " cannot take an HTTP API request", e);
    } finally {
      System.setOut(out);
      System.setErr(err);
      thread.setContextClassLoader(previous);
    }
  }

  /** A {@code Context} of the jar's own copy of the interface, logging into {@code lines}. */
  private static Object context(Class<?> contextType, List<String> lines)
      throws NoSuchMethodException {
    Class<?> loggerType = contextType.getMethod("getLogger").getReturnType();
    Object logger =
        proxy(
            loggerType,
            (method, args) -> {
              if (method.getName().equals("log") && args != null && args.length >= 1) {
                lines.add(
                    args[0] instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(args[0]));
              }
              return null;
            });
    return proxy(
        contextType,
        (method, args) ->
            switch (method.getName()) {
              case "getAwsRequestId" -> "offline-check";
              case "getLogger" -> logger;
              case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 10_000;
              default -> null;
            });
  }

  /** Answers the interface's methods through {@code answer}, and Object's as identity does. */
  private static Object proxy(Class<?> type, BiFunction<Method, Object[], Object> answer) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "toString" -> type.getSimpleName() + " for an offline check";
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default ->
                  method.isDefault()
                      ? InvocationHandler.invokeDefault(proxy, method, args)
                      : answer.apply(method, args);
            };
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /**
   * The newest class files in the jar, which the function's runtime must be able to load. Classes
   * under {@code META-INF/versions/} (multi-release jars) load only on the release they name, and
   * so do not count.
   */
  Bytecode bytecode() {
    int newest = 0;
    String example = "";
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".class")
            || name.startsWith("META-INF/")
            || name.endsWith("module-info.class")) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          DataInputStream data = new DataInputStream(in);
          data.readInt(); // 0xCAFEBABE
          data.readUnsignedShort(); // minor version
          int release = data.readUnsignedShort() - 44;
          if (release > newest) {
            newest = release;
            example = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + jar, e);
    }
    return new Bytecode(newest, example);
  }

  /**
   * The jar over the platform class loader, except for SLF4J, which comes from the tests: the jar's
   * own SLF4J has no logging provider and would complain on stderr when a handler starts.
   */
  private static final class JarLoader extends URLClassLoader {
    JarLoader(URL jar) {
      super(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.slf4j.")) {
        return FunctionsJar.class.getClassLoader().loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
