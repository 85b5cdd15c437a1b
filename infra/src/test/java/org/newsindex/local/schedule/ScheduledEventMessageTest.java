package org.newsindex.local.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.ScheduleExpression;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackIdentity;

class ScheduledEventMessageTest {
  private static final StackIdentity STACK = StackIdentity.local("newsindex");
  private static final Instant TIME = Instant.parse("2024-03-05T07:08:09.987654Z");
  private static final UUID ID = UUID.fromString("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");

  private static ScheduleSpec schedule(ScheduleSpec.Kind kind, Optional<String> input) {
    return new ScheduleSpec(
        "CompactFunction",
        "Sweep",
        kind,
        ScheduleExpression.parse("rate(1 minute)"),
        true,
        "newsindex-CompactFunctionSweep",
        input);
  }

  @Test
  void ruleSendsEventBridgesScheduledEventFieldForField() {
    String json =
        ScheduledEventMessage.json(
            schedule(ScheduleSpec.Kind.RULE, Optional.empty()), STACK, TIME, ID);

    assertEquals(
        "{\"version\":\"0\",\"id\":\"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa\","
            + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
            + "\"account\":\"000000000000\",\"time\":\"2024-03-05T07:08:09Z\","
            + "\"region\":\"us-east-1\",\"resources\":"
            + "[\"arn:aws:events:us-east-1:000000000000:rule/newsindex-CompactFunctionSweep\"],"
            + "\"detail\":{}}",
        json);
  }

  @Test
  void timeOnTheSecondKeepsItsSeconds() {
    String json =
        ScheduledEventMessage.json(
            schedule(ScheduleSpec.Kind.RULE, Optional.empty()),
            STACK,
            Instant.parse("2024-03-05T07:08:00Z"),
            ID);

    assertTrue(json.contains("\"time\":\"2024-03-05T07:08:00Z\""), json);
  }

  @Test
  void inputReplacesTheEventVerbatim() {
    String input = "{ \"mode\": \"full\", \"limit\": 10 }";

    assertEquals(
        input,
        ScheduledEventMessage.json(
            schedule(ScheduleSpec.Kind.RULE, Optional.of(input)), STACK, TIME, ID));
    assertEquals(
        input,
        ScheduledEventMessage.json(
            schedule(ScheduleSpec.Kind.SCHEDULER, Optional.of(input)), STACK, TIME, ID));
  }

  @Test
  void schedulerWithoutInputSendsAnEmptyObject() {
    assertEquals(
        "{}",
        ScheduledEventMessage.json(
            schedule(ScheduleSpec.Kind.SCHEDULER, Optional.empty()), STACK, TIME, ID));
  }
}
