package org.newsindex.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what an execution environment asks of DynamoDB: requests, items written, and the read and
 * write units DynamoDB reports as consumed (every request of the index asks for them; an update
 * costs the larger of the item before and after, a delete the item it removes, as DynamoDB bills
 * them). For the invocation's log line and the benchmark's cost model. One invocation runs at a
 * time per environment, so the counts are reset at the start of each.
 */
final class DynamoDbUsage implements ExecutionInterceptor {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong itemsWritten = new AtomicLong();
  private final DoubleAdder writeUnits = new DoubleAdder();
  private final DoubleAdder readUnits = new DoubleAdder();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Object response = context.response();
    if (response instanceof GetItemResponse get && get.consumedCapacity() != null) {
      readUnits.add(orZero(get.consumedCapacity().capacityUnits()));
    } else if (response instanceof QueryResponse query && query.consumedCapacity() != null) {
      readUnits.add(orZero(query.consumedCapacity().capacityUnits()));
    } else if (response instanceof BatchGetItemResponse batch && batch.hasConsumedCapacity()) {
      batch.consumedCapacity().forEach(c -> readUnits.add(orZero(c.capacityUnits())));
    } else if (response instanceof BatchWriteItemResponse batch && batch.hasConsumedCapacity()) {
      batch.consumedCapacity().forEach(c -> writeUnits.add(orZero(c.capacityUnits())));
    } else if (response instanceof PutItemResponse put && put.consumedCapacity() != null) {
      writeUnits.add(orZero(put.consumedCapacity().capacityUnits()));
    } else if (response instanceof UpdateItemResponse update && update.consumedCapacity() != null) {
      writeUnits.add(orZero(update.consumedCapacity().capacityUnits()));
    } else if (response instanceof DeleteItemResponse delete && delete.consumedCapacity() != null) {
      writeUnits.add(orZero(delete.consumedCapacity().capacityUnits()));
    }
  }

  private static double orZero(Double units) {
    return units == null ? 0 : units;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    requests.incrementAndGet();
    SdkRequest request = context.request();
    if (request instanceof BatchWriteItemRequest batch) {
      batch.requestItems().values().forEach(writes -> itemsWritten.addAndGet(writes.size()));
    } else if (request instanceof PutItemRequest
        || request instanceof UpdateItemRequest
        || request instanceof DeleteItemRequest) {
      itemsWritten.incrementAndGet();
    }
  }

  void reset() {
    requests.set(0);
    itemsWritten.set(0);
    writeUnits.reset();
    readUnits.reset();
  }

  Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", requests.get());
    m.put("items_written", itemsWritten.get());
    m.put("write_units", Math.round(writeUnits.sum()));
    m.put("read_units", Math.round(readUnits.sum() * 10) / 10.0);
    return m;
  }
}
