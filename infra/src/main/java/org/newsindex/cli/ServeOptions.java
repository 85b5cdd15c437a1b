package org.newsindex.cli;

import org.newsindex.local.LocalCloudSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options of a long-running local cloud: ports, seeding, concurrency and schedules. */
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

  @Option(
      names = "--no-schedules",
      description = "Do not run the template's Schedule and ScheduleV2 events on timers.")
  boolean noSchedules;

  @Option(
      names = "--schedule-speedup",
      paramLabel = "FACTOR",
      converter = PositiveNumber.class,
      description =
          "Run rate(...) schedules FACTOR times faster than the template says, e.g. 60 runs"
              + " rate(1 minute) every second. Default: ${DEFAULT-VALUE}.")
  double scheduleSpeedup = 1;

  LocalCloudSettings.Builder applyTo(LocalCloudSettings.Builder builder) {
    return builder
        .apiPort(port)
        .s3Port(s3Port)
        .dynamoDbPort(dynamoDbPort)
        .seed(!noSeed)
        .concurrency(concurrency)
        .runSchedules(!noSchedules)
        .scheduleSpeedup(scheduleSpeedup);
  }

  /** Reads a number greater than zero, so a bad factor is a usage error. */
  static final class PositiveNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double number;
      try {
        number = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number");
      }
      if (!(number > 0) || Double.isInfinite(number)) {
        throw new TypeConversionException("'" + value + "' is not a positive number");
      }
      return number;
    }
  }
}
