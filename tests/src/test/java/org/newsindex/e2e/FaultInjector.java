package org.newsindex.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Faults between the AWS SDK and DynamoDB, for tests: a crash after a number of requests of any
 * kind (every request after it fails, as if the process had died), throttling errors on the first
 * calls, and batch writes of which DynamoDB "processes" only part, returning the rest as
 * UnprocessedItems (the items withheld are never sent, so they really are unwritten).
 */
final class FaultInjector implements ExecutionInterceptor {
  private static final ExecutionAttribute<List<WriteRequest>> WITHHELD =
      new ExecutionAttribute<>("withheld");

  private static final ExecutionAttribute<Boolean> LOSE_RESPONSE =
      new ExecutionAttribute<>("loseResponse");

  private final int crashAfterRequests;
  private boolean applyCrashingRequest;
  private final int throttledCalls;
  private final int partialBatches;
  private final AtomicInteger batchWrites = new AtomicInteger();
  private final AtomicInteger partial = new AtomicInteger();
  final AtomicInteger throttled = new AtomicInteger();
  final AtomicInteger withheldItems = new AtomicInteger();

  private final AtomicInteger requests = new AtomicInteger();

  FaultInjector(int crashAfterRequests, int throttledCalls, int partialBatches) {
    this.crashAfterRequests = crashAfterRequests;
    this.throttledCalls = throttledCalls;
    this.partialBatches = partialBatches;
  }

  static FaultInjector crashAfter(int requests) {
    return new FaultInjector(requests, 0, 0);
  }

  /**
   * A crash whose first failing request reaches DynamoDB and is applied, but whose response is lost
   * (as when the deadline cuts a request off after it was sent): the writer cannot know it landed.
   */
  static FaultInjector responseLostAfter(int requests) {
    FaultInjector f = new FaultInjector(requests, 0, 0);
    f.applyCrashingRequest = true;
    return f;
  }

  static FaultInjector throttling(int throttledCalls, int partialBatches) {
    return new FaultInjector(Integer.MAX_VALUE, throttledCalls, partialBatches);
  }

  /** Injected crash: the invocation dies here. */
  static final class InjectedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedCrash(String message) {
      super(message);
    }
  }

  int requests() {
    return requests.get();
  }

  int batchWrites() {
    return batchWrites.get();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    int n = requests.incrementAndGet();
    if (applyCrashingRequest && n == crashAfterRequests + 1) {
      attributes.putAttribute(LOSE_RESPONSE, true);
      return;
    }
    if (n > crashAfterRequests) {
      throw new InjectedCrash(
          "injected crash before "
              + context.request().getClass().getSimpleName()
              + " (request "
              + requests.get()
              + ")");
    }
    if (!(context.request() instanceof BatchWriteItemRequest)) {
      return;
    }
    if (batchWrites.incrementAndGet() <= throttledCalls) {
      throttled.incrementAndGet();
      throw ProvisionedThroughputExceededException.builder()
          .message("injected throttling")
          .statusCode(400)
          .build();
    }
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (!(context.request() instanceof BatchWriteItemRequest request)
        || partial.get() >= partialBatches) {
      return context.request();
    }
    Map<String, List<WriteRequest>> kept = new HashMap<>();
    List<WriteRequest> withheld = new ArrayList<>();
    request
        .requestItems()
        .forEach(
            (table, writes) -> {
              if (writes.size() < 2) {
                kept.put(table, writes);
                return;
              }
              kept.put(table, writes.subList(0, writes.size() / 2));
              withheld.addAll(writes.subList(writes.size() / 2, writes.size()));
            });
    if (withheld.isEmpty()) {
      return request;
    }
    partial.incrementAndGet();
    withheldItems.addAndGet(withheld.size());
    attributes.putAttribute(WITHHELD, withheld);
    return request.toBuilder().requestItems(kept).build();
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    List<WriteRequest> withheld = attributes.getAttribute(WITHHELD);
    if (withheld == null || !(context.response() instanceof BatchWriteItemResponse response)) {
      return context.response();
    }
    String table =
        ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
    Map<String, List<WriteRequest>> unprocessed = new HashMap<>(response.unprocessedItems());
    List<WriteRequest> all = new ArrayList<>(unprocessed.getOrDefault(table, List.of()));
    all.addAll(withheld);
    unprocessed.put(table, all);
    return response.toBuilder().unprocessedItems(unprocessed).build();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
      throw new InjectedCrash(
          "injected crash after "
              + context.request().getClass().getSimpleName()
              + " was applied (its response lost)");
    }
  }
}
