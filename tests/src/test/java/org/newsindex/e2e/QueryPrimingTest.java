package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.lambda.QueryHandler;

/**
 * The query function's SnapStart priming on the seeded local cloud, through the real SDK: it runs
 * its requests against the table and leaves no trace, neither in the table nor in the log.
 */
class QueryPrimingTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  @Test
  void primingReadsTheTableAndChangesNothingAndLogsNothing() {
    QueryHandler handler = new QueryHandler(cloud.cloud.environment("QueryFunction"));
    IndexContent before = IndexContent.of(IndexSnapshot.load(cloud.dynamoDb, cloud.cloud.table()));
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      handler.warmUp();
    } finally {
      System.setOut(out);
    }

    assertEquals(before, IndexContent.of(IndexSnapshot.load(cloud.dynamoDb, cloud.cloud.table())));
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "priming logs nothing");
  }
}
