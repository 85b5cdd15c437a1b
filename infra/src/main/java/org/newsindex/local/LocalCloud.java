package org.newsindex.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.newsindex.local.dynamodb.DynaliteProcess;
import org.newsindex.local.dynamodb.TableProvisioner;
import org.newsindex.local.http.HttpApiGateway;
import org.newsindex.local.lambda.AsyncInvoker;
import org.newsindex.local.lambda.DeployedFunctions;
import org.newsindex.local.lambda.FailedEvent;
import org.newsindex.local.lambda.FunctionEnvironment;
import org.newsindex.local.lambda.FunctionRuntime;
import org.newsindex.local.lambda.InvocationLog;
import org.newsindex.local.lambda.InvocationRecord;
import org.newsindex.local.lambda.InvocationResult;
import org.newsindex.local.lambda.LocalServices;
import org.newsindex.local.s3.S3EventRouter;
import org.newsindex.local.s3.S3Server;
import org.newsindex.local.schedule.EventScheduler;
import org.newsindex.local.template.BucketSpec;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackSpec;
import org.newsindex.local.template.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole stack of template.yaml running on this machine: DynamoDB (dynalite), S3 (S3Proxy) with
 * bucket notifications, the functions in isolated class loaders, the HTTP API and the schedules.
 * Start it with {@link #builder()}; close it to stop everything, node included.
 */
public final class LocalCloud implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);
  private static final Duration SEED_TIMEOUT = Duration.ofMinutes(30);

  private final LocalCloudSettings settings;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::close, "local-cloud-shutdown");
  private final InvocationLog invocationLog = new InvocationLog(1000);
  private StackSpec stack;
  private DynaliteProcess dynamoDb;
  private S3Server s3;
  private S3EventRouter router;
  private volatile DeployedFunctions functions;
  private volatile AsyncInvoker asyncInvoker;
  private HttpApiGateway api;
  private EventScheduler scheduler;
  private int seeded;
  private LocalServices services;

  private LocalCloud(LocalCloudSettings settings) {
    this.settings = settings;
  }

  /** Settings for a local cloud; {@code LocalCloud.builder().projectDir(root).start()}. */
  public static LocalCloudSettings.Builder builder() {
    return new LocalCloudSettings.Builder();
  }

  /** Starts everything; on failure, stops what had started and rethrows. */
  public static LocalCloud start(LocalCloudSettings settings) {
    LocalCloud cloud = new LocalCloud(settings);
    Runtime.getRuntime().addShutdownHook(cloud.shutdownHook);
    try {
      cloud.startAll();
      return cloud;
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  private void startAll() {
    stack = settings.readStack();
    Optional<Path> data = settings.dataDirectory().map(Path::toAbsolutePath);

    dynamoDb =
        remember(
            DynaliteProcess.start(
                settings.project().nodeDirectory(),
                settings.dynamoDbPort(),
                data.map(d -> d.resolve("dynamodb"))));
    try (DynamoDbClient client = LocalClients.dynamoDb(dynamoDb.endpoint(), region())) {
      new TableProvisioner(client).createAll(stack.tables());
    }

    router = new S3EventRouter(stack.s3Events(), region(), this::deliverAsyncEvent);
    s3 = remember(S3Server.start(settings.s3Port(), data.map(d -> d.resolve("s3")), router));
    stack.buckets().forEach(bucket -> s3.createBucket(bucket.name()));

    services =
        new LocalServices(
            region(),
            dynamoDb.endpoint(),
            s3.endpoint(),
            LocalClients.ACCESS_KEY_ID,
            LocalClients.SECRET_ACCESS_KEY);
    functions = remember(DeployedFunctions.load(stack, services, invocationLog));
    asyncInvoker =
        remember(
            new AsyncInvoker(
                settings.concurrency(),
                settings.retryDelays(),
                data.map(d -> d.resolve("failed-events.jsonl"))));

    if (settings.startApi()) {
      try {
        api = remember(HttpApiGateway.start(settings.apiPort(), stack, functions));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot serve the HTTP API on port " + settings.apiPort() + ": " + e.getMessage(), e);
      }
    }
    if (settings.seed() && !stack.buckets().isEmpty()) {
      try (S3Client client = LocalClients.s3(this)) {
        seeded = SeedUpload.uploadAll(client, bucket(), settings.seeds());
      }
      if (!awaitIdle(SEED_TIMEOUT)) {
        LOG.warn("the seed uploads were still being processed after {}", SEED_TIMEOUT);
      }
    }
    // Last, so that a schedule's first period starts once the cloud is ready (and seeded).
    scheduler = remember(new EventScheduler(stack.identity(), this::deliverAsyncEvent));
    if (settings.runSchedules()) {
      scheduler.start(stack.schedules(), settings.scheduleSpeedup());
    }
  }

  /** Hands an S3 or schedule event to the async invoker, as Lambda's Invoke with type Event. */
  private void deliverAsyncEvent(String functionLogicalId, String eventJson, String source) {
    DeployedFunctions deployed = functions;
    AsyncInvoker invoker = asyncInvoker;
    Optional<FunctionRuntime> function =
        deployed == null ? Optional.empty() : deployed.get(functionLogicalId);
    if (function.isEmpty() || invoker == null) {
      LOG.warn(
          "dropped an event for {} that arrived before the functions were ready: {}",
          functionLogicalId,
          source);
      return;
    }
    invoker.submit(function.get(), eventJson, source);
  }

  /**
   * Keeps a started part for close(); stops it at once if the cloud was closed meanwhile (Ctrl-C).
   */
  private <T extends AutoCloseable> T remember(T resource) {
    synchronized (running) {
      if (!closed.get()) {
        running.push(resource);
        return resource;
      }
    }
    try {
      resource.close();
    } catch (Exception e) {
      LOG.debug("stopping {}: {}", resource.getClass().getSimpleName(), e.getMessage());
    }
    throw new IllegalStateException("the local cloud was stopped while starting");
  }

  /** The resolved template this cloud runs. */
  public StackSpec stack() {
    return stack;
  }

  public LocalCloudSettings settings() {
    return settings;
  }

  /** The HTTP API's base URI, e.g. {@code http://127.0.0.1:3000}. */
  public URI apiUri() {
    if (api == null) {
      throw new IllegalStateException("this local cloud runs no HTTP API");
    }
    return api.uri();
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public URI dynamoDbEndpoint() {
    return dynamoDb.endpoint();
  }

  public String region() {
    return stack.identity().region();
  }

  /** The name of the template's first bucket. */
  public String bucket() {
    return stack.buckets().stream()
        .findFirst()
        .map(BucketSpec::name)
        .orElseThrow(() -> new IllegalStateException("the template declares no bucket"));
  }

  /** The name of the template's first table. */
  public String table() {
    return stack.tables().stream()
        .findFirst()
        .map(TableSpec::name)
        .orElseThrow(() -> new IllegalStateException("the template declares no table"));
  }

  /** How many seed files were uploaded at start. */
  public int seededFiles() {
    return seeded;
  }

  /**
   * Waits until every asynchronous event (S3 notifications, schedule events and their retries) has
   * been handled; schedules whose next run is still to come do not count.
   *
   * @return false if events were still pending when the time ran out
   */
  public boolean awaitIdle(Duration timeout) {
    try {
      return asyncInvoker.awaitIdle(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Turns the buckets' notifications off or back on: objects changed while they are off start no
   * function, as files uploaded before a stack was deployed (what a reindex is for).
   */
  public void pauseNotifications(boolean off) {
    router.pause(off);
  }

  /** Asynchronous events that failed every attempt. */
  public List<FailedEvent> failures() {
    return asyncInvoker.failures();
  }

  /** The most recent invocations of any function, oldest first. */
  public List<InvocationRecord> invocations() {
    return invocationLog.records();
  }

  /**
   * The environment a function gets here (the template's variables, Lambda's, the local endpoints),
   * e.g. to run its handler in another process against this cloud.
   */
  public Map<String, String> environment(String functionLogicalId) {
    FunctionSpec function =
        stack
            .function(functionLogicalId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the template has no function " + functionLogicalId));
    return FunctionEnvironment.of(function, services);
  }

  /** Invokes a function synchronously (Invoke with type RequestResponse) with an event's JSON. */
  public InvocationResult invoke(String functionLogicalId, String eventJson) {
    FunctionRuntime function =
        functions
            .get(functionLogicalId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the template has no function " + functionLogicalId));
    return function.invoke(eventJson, "invoke", 1);
  }

  /**
   * Sends a function's schedule event to it once, now, through the async invoker (retries and
   * failures as for S3 events), whether the schedule is enabled, timed or neither. Returns when the
   * event is queued; {@link #awaitIdle} then waits for it.
   *
   * @return the event sent
   * @throws IllegalArgumentException if the function has no schedule, or several (then name one
   *     with {@link #fireSchedule(String, String)})
   */
  public String fireSchedule(String functionLogicalId) {
    List<ScheduleSpec> schedules = schedulesOf(functionLogicalId);
    if (schedules.size() > 1) {
      throw new IllegalArgumentException(
          functionLogicalId
              + " has "
              + schedules.size()
              + " schedules; name one of "
              + schedules.stream().map(ScheduleSpec::eventLogicalId).toList());
    }
    return fire(
        schedules.stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the template gives " + functionLogicalId + " no schedule event")));
  }

  /** Sends one named schedule event of a function, as {@link #fireSchedule(String)} does. */
  public String fireSchedule(String functionLogicalId, String eventLogicalId) {
    return fire(
        schedulesOf(functionLogicalId).stream()
            .filter(s -> s.eventLogicalId().equals(eventLogicalId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the template gives "
                            + functionLogicalId
                            + " no schedule event "
                            + eventLogicalId)));
  }

  private List<ScheduleSpec> schedulesOf(String functionLogicalId) {
    return stack.function(functionLogicalId).map(FunctionSpec::schedules).orElse(List.of());
  }

  private String fire(ScheduleSpec schedule) {
    if (closed.get()) {
      throw new IllegalStateException("the local cloud is closed");
    }
    return scheduler.fire(schedule);
  }

  /**
   * Stops the schedules, the HTTP API, the invoker, the functions, S3 and dynalite, in that order;
   * idempotent.
   */
  @Override
  public void close() {
    List<AutoCloseable> parts;
    synchronized (running) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      parts = List.copyOf(running);
      running.clear();
    }
    for (AutoCloseable resource : parts) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", resource.getClass().getSimpleName(), e.getMessage());
      }
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        LOG.debug("shutting down already");
      }
    }
  }
}
