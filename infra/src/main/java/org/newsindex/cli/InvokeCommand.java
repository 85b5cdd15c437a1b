package org.newsindex.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.newsindex.local.LocalCloud;
import org.newsindex.local.LocalCloudSettings;
import org.newsindex.local.lambda.InvocationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsindex invoke}: runs one function once on the local cloud, like {@code sam local
 * invoke}.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Invokes one function once with an event file and prints its response.",
      "%nStarts the local cloud without the HTTP API, passes the event in FILE through Lambda's"
          + " serializers and prints the function's JSON response on stdout."
    })
final class InvokeCommand implements Callable<Integer> {
  private static final Duration SIDE_EFFECTS_TIMEOUT = Duration.ofMinutes(5);

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FUNCTION",
      description = "The function's logical id in the template, e.g. QueryFunction.")
  String functionId;

  @Option(
      names = {"-e", "--event"},
      required = true,
      paramLabel = "FILE",
      description = "The event JSON; - reads stdin.")
  String eventFile;

  @Option(
      names = "--seed",
      description = "Upload seeds/ (and let their events finish) before invoking.")
  boolean seed;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws IOException {
    String event = readEvent();
    LocalCloudSettings settings =
        stack.applyTo(LocalCloud.builder()).startApi(false).runSchedules(false).seed(seed).build();
    if (settings.readStack().function(functionId).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "the template has no function " + functionId);
    }
    try (ResultOutput results = ResultOutput.claim();
        LocalCloud cloud = settings.start()) {
      InvocationResult result = cloud.invoke(functionId, event);
      // Events the function itself caused (say, an upload it made) finish before the cloud stops.
      cloud.awaitIdle(SIDE_EFFECTS_TIMEOUT);
      if (!result.succeeded()) {
        System.err.println(
            "error: " + functionId + " failed: " + result.error().orElseThrow().summary());
        return 1;
      }
      results.println(result.response());
      return 0;
    }
  }

  private String readEvent() throws IOException {
    if (eventFile.equals("-")) {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path path = Path.of(eventFile);
    if (!Files.isRegularFile(path)) {
      throw new ParameterException(spec.commandLine(), "no event file " + path);
    }
    return Files.readString(path);
  }
}
