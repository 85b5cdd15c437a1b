package org.newsindex.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.newsindex.local.LocalCloud;
import org.newsindex.local.LocalCloudSettings;
import org.newsindex.local.template.HttpRouteSpec;
import org.newsindex.local.template.ScheduleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsindex local}: runs the stack on this machine until Ctrl-C. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Runs template.yaml on this machine until Ctrl-C.",
      "%nDynamoDB (dynalite), S3 (S3Proxy) with bucket notifications, the functions, the HTTP"
          + " API and rate(...) schedules. Uploads seeds/ through S3 first, then prints one line"
          + " 'READY {json}' on stdout."
    })
final class LocalCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin ServeOptions serve;

  @Override
  public Integer call() throws InterruptedException, java.io.IOException {
    return serve(serve.applyTo(stack.applyTo(LocalCloud.builder())));
  }

  /**
   * Starts the cloud, announces it, and blocks until the JVM is stopped (the cloud's shutdown hook
   * then stops it).
   */
  static int serve(LocalCloudSettings.Builder settings)
      throws InterruptedException, java.io.IOException {
    try (ResultOutput results = ResultOutput.claim()) {
      LocalCloud cloud = settings.start();
      PrintStream err = System.err;
      err.println("newsindex local cloud");
      err.println("  HTTP API  " + cloud.apiUri());
      err.println("  S3        " + cloud.s3Endpoint() + "  (any access key and secret)");
      err.println("  DynamoDB  " + cloud.dynamoDbEndpoint());
      for (HttpRouteSpec route : cloud.stack().httpRoutes()) {
        err.println("  route     " + route.routeKey() + " -> " + route.functionLogicalId());
      }
      for (ScheduleSpec schedule : cloud.stack().schedules()) {
        err.println(
            "  schedule  "
                + schedule.expression().text()
                + " -> "
                + schedule.functionLogicalId()
                + (schedule.enabled() ? "" : " (disabled)"));
      }
      err.printf(
          "  seeded %d files; %d failed events. Ctrl-C stops.%n",
          cloud.seededFiles(), cloud.failures().size());
      String ready = ReadyLine.of(cloud);
      RunningCloud.announce(cloud.settings().project().root(), ready);
      results.println(ready);
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
