package org.newsindex.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start as Lambda's Java runtime sees it: a fresh JVM with the template's JVM flags and the
 * deployable jar on its class path constructs a handler and serves its first event, then a second
 * (warm) one; once plainly, once after the handler's SnapStart priming step. The child JVM is the
 * JDK given, so that one benchmark measures each JDK it finds.
 */
final class ColdStartMeasurement {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One function's figures: medians over the runs. */
  record Result(
      String function,
      String jdk,
      String jvmFlags,
      double processToFirstResponseMs,
      double initMs,
      double firstEventMs,
      double secondEventMs,
      double primedFirstEventMs,
      double primingMs) {
    /** How many warm events the first event after priming costs (the goal: at most 3). */
    double primedFirstToWarm() {
      return secondEventMs > 0 ? primedFirstEventMs / secondEventMs : 0;
    }
  }

  private ColdStartMeasurement() {}

  static Result measure(
      String function,
      JavaRuntime jdk,
      String handlerClass,
      String jvmFlags,
      Map<String, String> env,
      String eventJson,
      Path functionsJar,
      int runs)
      throws Exception {
    Path work = Files.createTempDirectory("newsindex-coldstart");
    Path envFile = work.resolve("env.json");
    Path eventFile = work.resolve("event.json");
    Files.writeString(envFile, JSON.writeValueAsString(env));
    Files.writeString(eventFile, eventJson);
    Path probeClasses = extractProbe(work);
    String classPath =
        String.join(
            java.io.File.pathSeparator,
            functionsJar.toString(),
            Path.of(
                    LambdaEventSerializers.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString(),
            probeClasses.toString());
    Latencies wall = new Latencies();
    Latencies init = new Latencies();
    Latencies first = new Latencies();
    Latencies second = new Latencies();
    Latencies primedFirst = new Latencies();
    Latencies priming = new Latencies();
    for (int i = 0; i < runs; i++) {
      Run plain = run(jdk, classPath, handlerClass, envFile, eventFile, jvmFlags, false);
      wall.add(plain.wallMs);
      init.add(plain.probe.path("init_ms").asDouble());
      first.add(plain.probe.path("first_event_ms").asDouble());
      second.add(plain.probe.path("second_event_ms").asDouble());
      Run primed = run(jdk, classPath, handlerClass, envFile, eventFile, jvmFlags, true);
      primedFirst.add(primed.probe.path("first_event_ms").asDouble());
      priming.add(primed.probe.path("warm_up_ms").asDouble());
    }
    return new Result(
        function,
        jdk.version(),
        jvmFlags,
        wall.p50(),
        init.p50(),
        first.p50(),
        second.p50(),
        primedFirst.p50(),
        priming.p50());
  }

  private record Run(double wallMs, JsonNode probe) {}

  private static Run run(
      JavaRuntime jdk,
      String classPath,
      String handlerClass,
      Path env,
      Path event,
      String jvmFlags,
      boolean warmUp)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                jdk.java().toString(),
                "-cp",
                classPath,
                ColdStartProbe.class.getName(),
                handlerClass,
                env.toString(),
                event.toString()));
    if (warmUp) {
      command.add("--warm-up");
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("JAVA_TOOL_OPTIONS", jvmFlags);
    long started = System.nanoTime();
    Process process = builder.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("PROBE ")) {
          JsonNode probe = JSON.readTree(line.substring(6));
          double wall =
              (System.nanoTime() - started) / 1e6 - probe.path("second_event_ms").asDouble();
          process.waitFor(30, TimeUnit.SECONDS);
          return new Run(wall, probe);
        }
      }
    } finally {
      process.destroyForcibly();
    }
    throw new IllegalStateException(
        "the cold start probe for " + handlerClass + " printed no result");
  }

  /**
   * Copies the probe's class file out of this jar, so the probe JVM's class path holds nothing else
   * of ours.
   */
  private static Path extractProbe(Path work) throws Exception {
    String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
    Path target = work.resolve("probe").resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = ColdStartProbe.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return work.resolve("probe");
  }
}
