package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.ingest.IngestService;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Under SnapStart, every execution environment restored from one snapshot starts with the same
 * memory, so a lease owner named in a constructor would be shared and let two compactors run at
 * once. The ingest service therefore names its owner for each attempt to compact (the functions
 * draw a random name, and Lambda reseeds randomness on restore).
 */
class LeaseOwnerTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();
  private static IsolatedIngest ingest;

  @BeforeAll
  static void start() {
    ingest = new IsolatedIngest(cloud);
  }

  @Test
  void eachAttemptToCompactHoldsTheLeaseUnderAFreshName() {
    List<String> drawn = new ArrayList<>();
    List<String> takenUnder = Collections.synchronizedList(new ArrayList<>());
    ExecutionInterceptor leaseTakes =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            // Taking the lease is the conditional update that draws a new fencing token.
            if (context.request() instanceof UpdateItemRequest update
                && update.key().get("pk").s().equals("LEASE")
                && update.updateExpression().contains("ADD")) {
              takenUnder.add(update.expressionAttributeValues().get(":me").s());
            }
          }
        };
    IngestService service =
        ingest.service(
            () -> {
              String owner = "owner-" + drawn.size();
              drawn.add(owner);
              return owner;
            },
            leaseTakes);

    IsolatedIngest.handle(
        service, ingest.put("lease/a.txt", Corpora.article("Kestrels nest early.", "Kestrels")));
    IsolatedIngest.handle(
        service, ingest.put("lease/b.txt", Corpora.article("Falcons nest late.", "Falcons")));

    assertTrue(drawn.size() >= 2, drawn.toString());
    // Every attempt to take the lease used a name of its own, drawn for it.
    assertEquals(drawn, takenUnder);
  }
}
