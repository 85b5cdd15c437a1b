package org.newsindex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationTallyTest {
  @Test
  void aFailedInvocationsUsageIsReadFromItsLastLogLineThatReportsOne() {
    List<String> logs =
        List.of(
            "{\"level\":\"INFO\",\"dynamodb\":{\"write_units\":5}}",
            "{\"level\":\"ERROR\",\"dynamodb\":{\"requests\":2602,\"write_units\":344474}}",
            "{\"level\":\"INFO\",\"note\":\"no usage here\"}",
            "java.lang.IllegalStateException: a stack trace line",
            "{ not json");

    assertEquals(
        344474, InvocationTally.loggedUsage(logs).orElseThrow().path("write_units").asLong());
  }

  @Test
  void anInvocationThatLoggedNoUsageReportsNone() {
    assertTrue(InvocationTally.loggedUsage(List.of()).isEmpty());
    assertTrue(InvocationTally.loggedUsage(List.of("started", "{\"level\":\"INFO\"}")).isEmpty());
  }
}
