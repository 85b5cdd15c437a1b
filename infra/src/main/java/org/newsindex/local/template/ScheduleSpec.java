package org.newsindex.local.template;

import java.util.Optional;

/**
 * A schedule event source of a function: an EventBridge rule ({@code Schedule}) or an EventBridge
 * Scheduler schedule ({@code ScheduleV2}) that invokes the function asynchronously.
 *
 * @param kind which EventBridge feature the template asks for; it decides the default event
 * @param enabled false when the template disables it ({@code Enabled: false}, {@code State:
 *     DISABLED}); it can still be fired by hand
 * @param name the rule or schedule name: {@code Name}, else {@code <stack>-<function><event>}
 * @param input the JSON sent instead of the default event, if the template gives {@code Input}
 */
public record ScheduleSpec(
    String functionLogicalId,
    String eventLogicalId,
    Kind kind,
    ScheduleExpression expression,
    boolean enabled,
    String name,
    Optional<String> input) {

  /** The two SAM event types for schedules. */
  public enum Kind {
    /** {@code Type: Schedule}: an EventBridge rule, which sends a "Scheduled Event". */
    RULE,
    /** {@code Type: ScheduleV2}: an EventBridge Scheduler schedule. */
    SCHEDULER
  }
}
