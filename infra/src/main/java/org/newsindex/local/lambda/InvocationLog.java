package org.newsindex.local.lambda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent invocations (a bounded history, oldest dropped first). */
public final class InvocationLog {
  private final int capacity;
  private final Deque<InvocationRecord> records = new ArrayDeque<>();

  public InvocationLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(InvocationRecord record) {
    if (records.size() == capacity) {
      records.removeFirst();
    }
    records.addLast(record);
  }

  /** The kept invocations, oldest first. */
  public synchronized List<InvocationRecord> records() {
    return List.copyOf(records);
  }
}
