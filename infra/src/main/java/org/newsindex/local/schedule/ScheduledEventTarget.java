package org.newsindex.local.schedule;

/** Receives the events schedules send to a function (the local Lambda service). */
@FunctionalInterface
public interface ScheduledEventTarget {
  /**
   * @param functionLogicalId the function the schedule invokes
   * @param eventJson the event, as EventBridge would send it
   * @param source a short description for logs, e.g. {@code schedule Sweep rate(1 minute)}
   */
  void deliver(String functionLogicalId, String eventJson, String source);
}
