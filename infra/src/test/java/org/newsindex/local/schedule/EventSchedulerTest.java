package org.newsindex.local.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.ScheduleExpression;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackIdentity;

class EventSchedulerTest {
  private final List<String> sources = new CopyOnWriteArrayList<>();
  private final EventScheduler scheduler =
      new EventScheduler(
          StackIdentity.local("newsindex"),
          (function, event, source) -> sources.add(function + " " + source));

  @AfterEach
  void stop() {
    scheduler.close();
  }

  private static ScheduleSpec schedule(String eventId, String expression, boolean enabled) {
    return new ScheduleSpec(
        "Fn",
        eventId,
        ScheduleSpec.Kind.RULE,
        ScheduleExpression.parse(expression),
        enabled,
        "newsindex-Fn" + eventId,
        Optional.empty());
  }

  @Test
  void speedupDividesThePeriodDownToAMillisecond() {
    assertEquals(Duration.ofSeconds(1), EventScheduler.scaledPeriod(Duration.ofMinutes(1), 60));
    assertEquals(Duration.ofMinutes(2), EventScheduler.scaledPeriod(Duration.ofMinutes(1), 0.5));
    assertEquals(Duration.ofDays(7), EventScheduler.scaledPeriod(Duration.ofDays(7), 1));
    assertEquals(Duration.ofMillis(1), EventScheduler.scaledPeriod(Duration.ofMinutes(1), 1e9));
    assertThrows(
        IllegalArgumentException.class,
        () -> EventScheduler.scaledPeriod(Duration.ofMinutes(1), 0));
  }

  @Test
  void enabledRateSchedulesFireAtTheirSpedUpRateUntilClosed() throws Exception {
    scheduler.start(
        List.of(
            schedule("Tick", "rate(1 minute)", true),
            schedule("Off", "rate(1 minute)", false),
            schedule("Nightly", "cron(0 3 * * ? *)", true)),
        300); // every 200 ms

    Thread.sleep(50);
    assertEquals(List.of(), sources, "the first run comes one period after the start");
    Thread.sleep(1_050);
    scheduler.close();
    int fired = sources.size();
    Thread.sleep(400);

    assertTrue(fired >= 3 && fired <= 6, "fired " + fired + " times in 1.1 s");
    assertTrue(
        sources.stream().allMatch("Fn schedule Tick rate(1 minute)"::equals), sources::toString);
    assertEquals(fired, sources.size(), "no run after close");
  }

  @Test
  void anyScheduleCanBeFiredByHand() {
    String event = scheduler.fire(schedule("Nightly", "cron(0 3 * * ? *)", false));

    assertEquals(List.of("Fn schedule Nightly fired"), sources);
    assertTrue(event.contains("rule/newsindex-FnNightly"), event);
  }
}
