package org.newsindex.index;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Counts what reads cost: DynamoDB requests, items read and read capacity consumed. */
public final class ReadMeter {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong items = new AtomicLong();
  private final DoubleAdder capacity = new DoubleAdder();

  void record(int itemCount, Double capacityUnits) {
    requests.incrementAndGet();
    items.addAndGet(itemCount);
    if (capacityUnits != null) {
      capacity.add(capacityUnits);
    }
  }

  public long requests() {
    return requests.get();
  }

  public long items() {
    return items.get();
  }

  public double capacityUnits() {
    return capacity.sum();
  }
}
