package org.newsindex.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation, locally: events wait in a queue served by a fixed number of
 * workers; a failed event is retried (twice by default, after short delays instead of AWS's
 * minutes) and then recorded as a {@link FailedEvent}: one line on stderr, the in-memory list, and
 * the failed-events file when there is one.
 */
public final class AsyncInvoker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);

  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final List<Duration> retryDelays;
  private final Optional<FailedEventFile> failureFile;
  private final List<FailedEvent> failures = new ArrayList<>();
  private final Object idleLock = new Object();
  private int pending;

  /**
   * @param concurrency how many events run at once
   * @param retryDelays the wait before each retry; the last one repeats if a function allows more
   * @param failureFile where failed events are appended as JSON lines, if anywhere
   */
  public AsyncInvoker(int concurrency, List<Duration> retryDelays, Optional<Path> failureFile) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.workers = Executors.newFixedThreadPool(concurrency, daemonThreads("async-invoke"));
    this.retries = Executors.newSingleThreadScheduledExecutor(daemonThreads("async-retry"));
    this.retryDelays = retryDelays.isEmpty() ? List.of(Duration.ZERO) : List.copyOf(retryDelays);
    this.failureFile = failureFile.map(FailedEventFile::new);
  }

  /**
   * Queues an event for a function and returns at once, as Lambda's Invoke with type Event does.
   */
  public void submit(FunctionRuntime function, String eventJson, String source) {
    synchronized (idleLock) {
      pending++;
    }
    execute(() -> attempt(function, eventJson, source, 1));
  }

  /** Runs an attempt on a worker; after close() the event is dropped instead. */
  private void execute(Runnable attempt) {
    try {
      workers.execute(attempt);
    } catch (RejectedExecutionException e) {
      LOG.debug("an event arrived after shutdown and was dropped");
      finished();
    }
  }

  private void attempt(FunctionRuntime function, String eventJson, String source, int attempt) {
    InvocationResult result;
    try {
      result = function.invoke(eventJson, source, attempt);
    } catch (RuntimeException e) {
      result = InvocationResult.failure("", Duration.ZERO, FunctionError.of(e), List.of());
    }
    int allowed = 1 + function.spec().maximumRetryAttempts();
    if (result.succeeded() || attempt >= allowed) {
      result.error().ifPresent(error -> recordFailure(function, eventJson, source, error, attempt));
      finished();
      return;
    }
    Duration delay = retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1));
    LOG.info(
        "{} failed attempt {} of {} for {}; retrying in {} ms",
        function.spec().logicalId(),
        attempt,
        allowed,
        source,
        delay.toMillis());
    try {
      retries.schedule(
          () -> execute(() -> attempt(function, eventJson, source, attempt + 1)),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      finished();
    }
  }

  private void recordFailure(
      FunctionRuntime function,
      String eventJson,
      String source,
      FunctionError error,
      int attempts) {
    FailedEvent failure =
        new FailedEvent(
            Instant.now(),
            function.spec().logicalId(),
            source,
            eventJson,
            error.type(),
            error.message(),
            attempts);
    synchronized (failures) {
      failures.add(failure);
    }
    System.err.println(
        "FAILED async event for "
            + failure.functionLogicalId()
            + " after "
            + attempts
            + " attempts: "
            + error.summary()
            + " ("
            + source
            + ")");
    failureFile.ifPresent(file -> file.append(failure));
  }

  private void finished() {
    synchronized (idleLock) {
      pending--;
      idleLock.notifyAll();
    }
  }

  /** Waits until every queued event has succeeded or been recorded as failed; false on time-out. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idleLock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idleLock, left);
      }
      return true;
    }
  }

  /** Events that failed every attempt, oldest first. */
  public List<FailedEvent> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  @Override
  public void close() {
    retries.shutdownNow();
    List<Runnable> dropped = workers.shutdownNow();
    if (!dropped.isEmpty()) {
      LOG.warn("{} queued events were dropped at shutdown", dropped.size());
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
