package org.newsindex.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serializers Lambda's Java runtime uses for a function: the event library's own for the event
 * classes it supports (S3Event, SQSEvent, ...), plain Jackson for every other type. On Lambda every
 * function has a JVM of its own; here the serialization library keeps global state (one Jackson
 * mapper, with mixins for the function's event classes), so each function gets its own copy of the
 * library, loaded over the function's class loader.
 */
final class RuntimeSerializers implements AutoCloseable {
  private final URLClassLoader library;
  private final Method isSupported;
  private final Method serializerFor;
  private final Object jackson;
  private final Method jacksonSerializer;
  private final Map<Type, Serializer> serializers = new ConcurrentHashMap<>();

  /** One type's serializer, from the function's own copy of the library. */
  record Serializer(Object pojoSerializer, Method fromJson, Method toJson) {
    Object fromJson(String json) throws Exception {
      return invoke(
          fromJson,
          pojoSerializer,
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    void toJson(Object value, OutputStream out) throws Exception {
      invoke(toJson, pojoSerializer, value, out);
    }
  }

  RuntimeSerializers(ClassLoader functionLoader) {
    try {
      URL jar = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
      this.library = new ChildFirstLoader(new URL[] {jar}, functionLoader);
      Class<?> events = library.loadClass(LambdaEventSerializers.class.getName());
      this.isSupported = events.getMethod("isLambdaSupportedEvent", String.class);
      this.serializerFor = events.getMethod("serializerFor", Class.class, ClassLoader.class);
      Class<?> factory =
          library.loadClass(
              "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory");
      this.jackson = factory.getMethod("getInstance").invoke(null);
      this.jacksonSerializer = factory.getMethod("getSerializer", Type.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new FunctionLoadException(
          "cannot load Lambda's serialization library for the function: " + e, e);
    }
  }

  Serializer forType(Type type) {
    return serializers.computeIfAbsent(
        type,
        t -> {
          try {
            Object pojo =
                t instanceof Class<?> c && (Boolean) isSupported.invoke(null, c.getName())
                    ? serializerFor.invoke(null, c, library.getParent())
                    : jacksonSerializer.invoke(jackson, t);
            Class<?> api =
                library.loadClass(
                    "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");
            return new Serializer(
                pojo,
                api.getMethod("fromJson", java.io.InputStream.class),
                api.getMethod("toJson", Object.class, OutputStream.class));
          } catch (ReflectiveOperationException e) {
            throw new FunctionLoadException("no serializer for " + t + ": " + e, e);
          }
        });
  }

  private static Object invoke(Method method, Object target, Object... args) throws Exception {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void close() throws IOException {
    library.close();
  }

  /**
   * Loads the library's own classes first, everything else (the function's classes) from the
   * parent.
   */
  private static final class ChildFirstLoader extends URLClassLoader {
    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && name.startsWith("com.amazonaws.services.lambda.runtime.serialization")
            || c == null && name.startsWith("com.amazonaws.lambda.thirdparty")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notHere) {
            c = null;
          }
        }
        if (c == null) {
          c = super.loadClass(name, false);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
