package org.newsindex.local.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackIdentity;

/**
 * The event a schedule sends to its function: the template's {@code Input} if it gives one, else
 * for an EventBridge rule the "Scheduled Event" EventBridge sends, and for an EventBridge Scheduler
 * schedule an empty object.
 */
public final class ScheduledEventMessage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduledEventMessage() {}

  /**
   * @param time when the schedule fired; the event reports it to the second
   * @param id the event's id, a fresh UUID for every event
   */
  public static String json(ScheduleSpec schedule, StackIdentity stack, Instant time, UUID id) {
    if (schedule.input().isPresent()) {
      return schedule.input().get();
    }
    if (schedule.kind() == ScheduleSpec.Kind.SCHEDULER) {
      // EventBridge Scheduler documents only "a default notification" for a target without input.
      return "{}";
    }
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", id.toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", stack.accountId());
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", stack.region());
    event.putArray("resources").add(stack.arn("events", "rule/" + schedule.name()));
    event.putObject("detail");
    return event.toString();
  }
}
