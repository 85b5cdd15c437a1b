package org.newsindex.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployable jar loaded on its own, as Lambda loads it: handler classes and their event types
 * are looked up in the jar, not in the test's class path, so a class the shade filters dropped is
 * missing here too.
 */
final class FunctionsJar implements AutoCloseable {
  private static final String REQUEST_HANDLER =
      "com.amazonaws.services.lambda.runtime.RequestHandler";
  private static final Pattern MISSING_VARIABLE =
      Pattern.compile("environment variable (\\w+) is not set");

  private final URLClassLoader loader;

  FunctionsJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the functions module first");
    }
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
