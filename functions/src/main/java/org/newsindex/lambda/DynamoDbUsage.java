package org.newsindex.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts what an execution environment asks of DynamoDB (requests, items written, write request
 * units as DynamoDB bills them: one per started kilobyte of each item put, and the read units the
 * reads report as consumed), for the invocation's log line and the benchmark's cost model. One
 * invocation runs at a time per environment, so the counts are reset at the start of each.
 */
final class DynamoDbUsage implements ExecutionInterceptor {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong itemsWritten = new AtomicLong();
  private final AtomicLong writeUnits = new AtomicLong();
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
      for (List<WriteRequest> writes : batch.requestItems().values()) {
        for (WriteRequest w : writes) {
          itemsWritten.incrementAndGet();
          writeUnits.addAndGet(w.putRequest() != null ? units(w.putRequest().item()) : 1);
        }
      }
    } else if (request instanceof PutItemRequest put) {
      itemsWritten.incrementAndGet();
      writeUnits.addAndGet(units(put.item()));
    } else if (request instanceof UpdateItemRequest || request instanceof DeleteItemRequest) {
      itemsWritten.incrementAndGet();
      writeUnits.incrementAndGet();
    }
  }

  void reset() {
    requests.set(0);
    itemsWritten.set(0);
    writeUnits.set(0);
    readUnits.reset();
  }

  Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", requests.get());
    m.put("items_written", itemsWritten.get());
    m.put("write_units", writeUnits.get());
    m.put("read_units", Math.round(readUnits.sum() * 10) / 10.0);
    return m;
  }

  /**
   * DynamoDB's write units for putting an item: its size (names and values) in started kilobytes.
   */
  static long units(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      bytes += e.getKey().length() + size(e.getValue());
    }
    return Math.max(1, (bytes + 1023) / 1024);
  }

  private static long size(AttributeValue v) {
    if (v.s() != null) {
      return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (v.n() != null) {
      return v.n().length();
    }
    if (v.b() != null) {
      return v.b().asByteArrayUnsafe().length;
    }
    if (v.hasL()) {
      return 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
    }
    if (v.hasSs()) {
      return v.ss().stream().mapToLong(String::length).sum();
    }
    if (v.hasNs()) {
      return v.ns().stream().mapToLong(String::length).sum();
    }
    if (v.hasM()) {
      return 3
          + v.m().entrySet().stream()
              .mapToLong(e -> e.getKey().length() + 1 + size(e.getValue()))
              .sum();
    }
    return 1;
  }
}
