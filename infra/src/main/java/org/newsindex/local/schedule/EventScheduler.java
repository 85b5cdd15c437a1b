package org.newsindex.local.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.newsindex.local.lambda.AsyncEventTarget;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge's schedules, locally: a timer for each enabled rate schedule, its period divided by a
 * speed-up factor, and firing any schedule once on request. Cron and at schedules get no timer.
 */
public final class EventScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventScheduler.class);
  private static final Duration SHORTEST_PERIOD = Duration.ofMillis(1);

  private final StackIdentity stack;
  private final AsyncEventTarget target;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "schedule-timer");
            thread.setDaemon(true);
            return thread;
          });

  public EventScheduler(StackIdentity stack, AsyncEventTarget target) {
    this.stack = stack;
    this.target = target;
  }

  /**
   * Starts a timer for each enabled rate schedule; each fires first one (sped-up) period from now.
   *
   * @param speedup how many times faster than the template says schedules run: 60 runs {@code
   *     rate(1 minute)} every second
   */
  public void start(List<ScheduleSpec> schedules, double speedup) {
    for (ScheduleSpec schedule : schedules) {
      String where = schedule.functionLogicalId() + "." + schedule.eventLogicalId();
      if (!schedule.enabled()) {
        LOG.info("{}: {} is disabled in the template", where, schedule.expression().text());
        continue;
      }
      if (!schedule.expression().isRate()) {
        LOG.warn(
            "{}: {} is not run on a timer locally (only rate(...) schedules are);"
                + " LocalCloud.fireSchedule runs it on demand",
            where,
            schedule.expression().text());
        continue;
      }
      Duration period = scaledPeriod(schedule.expression().period().orElseThrow(), speedup);
      String source = "schedule " + schedule.eventLogicalId() + " " + schedule.expression().text();
      // Runs that come due while an earlier one is still running are dropped, not sent in a
      // burst afterwards: EventBridge does not make up missed runs either.
      long periodNanos = period.toNanos();
      long[] due = {System.nanoTime() + periodNanos};
      timers.scheduleAtFixedRate(
          () -> {
            long late = System.nanoTime() - due[0];
            due[0] += periodNanos;
            if (late < periodNanos) {
              deliverQuietly(schedule, source);
            }
          },
          periodNanos,
          periodNanos,
          TimeUnit.NANOSECONDS);
      LOG.info("{}: {} runs every {} ms", where, schedule.expression().text(), period.toMillis());
    }
  }

  /**
   * Sends a schedule's event to its function now, whether or not it has a timer or is enabled.
   *
   * @return the event sent
   */
  public String fire(ScheduleSpec schedule) {
    return deliver(schedule, "schedule " + schedule.eventLogicalId() + " fired");
  }

  /** A schedule's period divided by the speed-up, but at least a millisecond. */
  static Duration scaledPeriod(Duration period, double speedup) {
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw new IllegalArgumentException("the schedule speed-up must be a positive number");
    }
    // In double, as a rate of many days in nanoseconds overflows a long; Math.round saturates.
    long nanos = Math.round((period.getSeconds() * 1e9 + period.getNano()) / speedup);
    return nanos < SHORTEST_PERIOD.toNanos() ? SHORTEST_PERIOD : Duration.ofNanos(nanos);
  }

  private String deliver(ScheduleSpec schedule, String source) {
    String event = ScheduledEventMessage.json(schedule, stack, Instant.now(), UUID.randomUUID());
    target.deliver(schedule.functionLogicalId(), event, source);
    return event;
  }

  /** A timer's run: an exception would cancel the timer, so it is logged instead. */
  private void deliverQuietly(ScheduleSpec schedule, String source) {
    try {
      deliver(schedule, source);
    } catch (RuntimeException e) {
      LOG.warn("{} for {} could not be sent", source, schedule.functionLogicalId(), e);
    }
  }

  /** Stops every timer; an event already sent still runs (the invoker decides). */
  @Override
  public void close() {
    timers.shutdownNow();
  }
}
