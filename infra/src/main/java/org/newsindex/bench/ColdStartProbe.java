package org.newsindex.bench;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a fresh JVM whose class path starts with the deployable jar: constructs a handler as
 * Lambda does, serves one event, then the same event again, and prints one line of JSON with the
 * JVM's uptime at each step. With {@code --warm-up}, it first runs the handler's SnapStart priming.
 *
 * <p>Usage: {@code ColdStartProbe <handler class> <env.json> <event.json> [--warm-up]}
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long atMain = uptime();
    Class<?> handlerClass = Class.forName(args[0]);
    @SuppressWarnings("unchecked")
    Map<String, String> env =
        new ObjectMapper().readValue(Files.readString(Path.of(args[1])), Map.class);
    String eventJson = Files.readString(Path.of(args[2]));
    boolean warmUp = args.length > 3 && args[3].equals("--warm-up");

    Object handler = handlerClass.getConstructor(Map.class).newInstance(env);
    long constructed = uptime();
    if (warmUp) {
      handlerClass.getMethod("warmUp").invoke(handler);
    }
    long warmed = uptime();
    Method handle = handlerMethod(handlerClass);
    Class<?> eventType = handle.getParameterTypes()[0];
    @SuppressWarnings("unchecked")
    PojoSerializer<Object> serializer =
        LambdaEventSerializers.serializerFor(
            (Class<Object>) eventType, handlerClass.getClassLoader());
    handle.invoke(
        handler,
        serializer.fromJson(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8))),
        null);
    long first = uptime();
    handle.invoke(
        handler,
        serializer.fromJson(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8))),
        null);
    long second = uptime();
    System.out.printf(
        "PROBE {\"jvm_to_main_ms\":%d,\"init_ms\":%d,\"warm_up_ms\":%d,\"first_event_ms\":%d,"
            + "\"first_response_since_jvm_start_ms\":%d,\"second_event_ms\":%d}%n",
        atMain, constructed - atMain, warmed - constructed, first - warmed, first, second - first);
    System.exit(0);
  }

  private static Method handlerMethod(Class<?> handlerClass) {
    for (Method m : handlerClass.getMethods()) {
      if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
        return m;
      }
    }
    throw new IllegalArgumentException(handlerClass + " has no handleRequest(event, context)");
  }

  private static long uptime() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }
}
