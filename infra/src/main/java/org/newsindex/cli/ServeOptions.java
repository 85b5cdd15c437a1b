package org.newsindex.cli;

import org.newsindex.local.LocalCloudSettings;
import picocli.CommandLine.Option;

/** Options of a long-running local cloud: ports, seeding and concurrency. */
final class ServeOptions {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The HTTP API's port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port = 3000;

  @Option(
      names = "--s3-port",
      paramLabel = "PORT",
      description = "The local S3's port. Default: any free port.")
  int s3Port;

  @Option(
      names = "--dynamodb-port",
      paramLabel = "PORT",
      description = "The local DynamoDB's port. Default: any free port.")
  int dynamoDbPort;

  @Option(names = "--no-seed", description = "Do not upload seeds/ at start.")
  boolean noSeed;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "How many asynchronous (S3) events run at once. Default: ${DEFAULT-VALUE}.")
  int concurrency = 4;

  LocalCloudSettings.Builder applyTo(LocalCloudSettings.Builder builder) {
    return builder
        .apiPort(port)
        .s3Port(s3Port)
        .dynamoDbPort(dynamoDbPort)
        .seed(!noSeed)
        .concurrency(concurrency);
  }
}
