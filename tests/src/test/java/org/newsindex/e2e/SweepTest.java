package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.index.Attributes;
import org.newsindex.index.IndexWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An ingest invocation that finds a compactor at work records its file and returns, trusting that
 * compactor to fold the file in. If that compactor dies, the scheduled sweep folds the file in.
 */
class SweepTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  @Test
  void aFileLeftPendingByADeadWriterIsFoldedInByTheSweep() {
    // A writer that died holding the lease, which lapses in six seconds.
    long until = System.currentTimeMillis() + 6_000;
    cloud.dynamoDb.putItem(
        b ->
            b.tableName(cloud.cloud.table())
                .item(
                    Map.<String, AttributeValue>of(
                        "pk",
                        Attributes.s("LEASE"),
                        "sk",
                        Attributes.s(IndexWriter.LEASE),
                        "owner",
                        Attributes.s("dead-invocation"),
                        "until",
                        Attributes.n(until))));
    cloud.upload(
        "sweep/orphan.txt",
        Corpora.article("Puffins return to the cliffs each spring.", "Puffins Return"));
    cloud.settle();
    assertEquals("pending", cloud.get("/sources/sweep/orphan.txt").body().get("status").asText());
    assertEquals(0, cloud.search("puffins").get("total").get("value").asInt());

    TestCloud.sleep(Math.max(0, until - System.currentTimeMillis()) + 100);
    cloud.cloud.fireSchedule("CompactFunction");
    cloud.settle();
    assertEquals("ingested", cloud.get("/sources/sweep/orphan.txt").body().get("status").asText());
    assertEquals(2, cloud.search("puffins").get("total").get("value").asInt());
    cloud.assertConsistent();
  }
}
