package org.newsindex.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;
import org.newsindex.local.template.StackSpec;

/**
 * How to run the local cloud: which project and template, which ports, whether state is kept on
 * disk, whether to seed, how the asynchronous Lambda invoker behaves and how schedules run.
 *
 * @param template the SAM template; relative CodeUri paths are taken from its directory
 * @param apiPort the HTTP API's port; 0 picks a free one
 * @param startApi false runs no HTTP server (as {@code invoke} does)
 * @param dataDirectory where DynamoDB, S3 and failed events are kept; empty keeps all in memory
 * @param retryDelays the waits before the retries of a failed asynchronous event
 * @param runSchedules false starts no schedule timers ({@link LocalCloud#fireSchedule} still works)
 * @param scheduleSpeedup how many times faster than the template says rate schedules run, e.g. 60
 *     runs {@code rate(1 minute)} every second; 1 keeps the template's periods
 */
public record LocalCloudSettings(
    ProjectLayout project,
    Path template,
    Path seeds,
    int apiPort,
    boolean startApi,
    int s3Port,
    int dynamoDbPort,
    Optional<Path> dataDirectory,
    boolean seed,
    int concurrency,
    String stackName,
    Map<String, String> parameterOverrides,
    List<Duration> retryDelays,
    boolean runSchedules,
    double scheduleSpeedup) {

  public LocalCloudSettings {
    parameterOverrides = Map.copyOf(parameterOverrides);
    retryDelays = List.copyOf(retryDelays);
    if (!(scheduleSpeedup > 0) || Double.isInfinite(scheduleSpeedup)) {
      throw new IllegalArgumentException(
          "the schedule speed-up must be a positive number, got " + scheduleSpeedup);
    }
  }

  /** Starts a local cloud with these settings. */
  public LocalCloud start() {
    return LocalCloud.start(this);
  }

  /** Reads the template as this cloud would run it (stack name and parameter overrides applied). */
  public StackSpec readStack() {
    return StackReader.read(template, StackIdentity.local(stackName), parameterOverrides);
  }

  /**
   * Builds settings; every value has a default except the project directory when it cannot be
   * found.
   */
  public static final class Builder {
    private Path projectDirectory;
    private Path template;
    private Path seeds;
    private int apiPort = 3000;
    private boolean startApi = true;
    private int s3Port;
    private int dynamoDbPort;
    private Optional<Path> dataDirectory = Optional.empty();
    private boolean seed = true;
    private int concurrency = 4;
    private String stackName = StackIdentity.DEFAULT_STACK_NAME;
    private final Map<String, String> parameterOverrides = new LinkedHashMap<>();
    private List<Duration> retryDelays = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private boolean runSchedules = true;
    private double scheduleSpeedup = 1;

    Builder() {}

    /** The checkout's root; by default the one around this jar. */
    public Builder projectDir(Path directory) {
      this.projectDirectory = directory;
      return this;
    }

    /** The template to run instead of {@code <project>/template.yaml}. */
    public Builder template(Path file) {
      this.template = file;
      return this;
    }

    /** The directory to seed from instead of {@code <project>/seeds}. */
    public Builder seedsDir(Path directory) {
      this.seeds = directory;
      return this;
    }

    public Builder apiPort(int port) {
      this.apiPort = port;
      return this;
    }

    public Builder startApi(boolean start) {
      this.startApi = start;
      return this;
    }

    public Builder s3Port(int port) {
      this.s3Port = port;
      return this;
    }

    public Builder dynamoDbPort(int port) {
      this.dynamoDbPort = port;
      return this;
    }

    public Builder dataDir(Optional<Path> directory) {
      this.dataDirectory = directory;
      return this;
    }

    /** Keeps state in this directory across restarts (same as {@code dataDir(Optional.of(d))}). */
    public Builder dataDir(Path directory) {
      return dataDir(Optional.of(directory));
    }

    public Builder seed(boolean seed) {
      this.seed = seed;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder stackName(String name) {
      this.stackName = name;
      return this;
    }

    public Builder parameterOverrides(Map<String, String> overrides) {
      this.parameterOverrides.putAll(overrides);
      return this;
    }

    public Builder retryDelays(List<Duration> delays) {
      this.retryDelays = List.copyOf(delays);
      return this;
    }

    /** Whether rate schedules run on timers (default true); false leaves them to fireSchedule. */
    public Builder runSchedules(boolean run) {
      this.runSchedules = run;
      return this;
    }

    /**
     * Runs rate schedules this many times faster than the template says (default 1): 60 runs {@code
     * rate(1 minute)} every second.
     */
    public Builder scheduleSpeedup(double factor) {
      this.scheduleSpeedup = factor;
      return this;
    }

    public LocalCloudSettings build() {
      ProjectLayout project = ProjectLayout.require(projectDirectory);
      return new LocalCloudSettings(
          project,
          template != null ? template : project.template(),
          seeds != null ? seeds : project.seeds(),
          apiPort,
          startApi,
          s3Port,
          dynamoDbPort,
          dataDirectory,
          seed,
          concurrency,
          stackName,
          parameterOverrides,
          retryDelays,
          runSchedules,
          scheduleSpeedup);
    }

    /** Builds the settings and starts a local cloud with them. */
    public LocalCloud start() {
      return build().start();
    }
  }
}
