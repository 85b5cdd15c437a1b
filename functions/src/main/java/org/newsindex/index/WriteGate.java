package org.newsindex.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the writer may write: while it holds the lease and before its deadline. The lease is renewed
 * (a conditional write on its fencing token) before every phase of a round's writes, to last past
 * the writer's own deadline by a grace period; every write carries the earlier of the two as its
 * deadline, so none is sent, or left in flight, after the lease could have passed to another.
 */
final class WriteGate {
  private final Lease lease;
  private final Deadline deadline;
  private final WriterSettings settings;
  private final Clock clock;

  WriteGate(Lease lease, Deadline deadline, WriterSettings settings, Clock clock) {
    this.lease = lease;
    this.deadline = deadline;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * How long a lease taken or renewed now should last: its hold, never past the deadline, and the
   * grace.
   */
  static Duration ttl(Deadline deadline, WriterSettings settings) {
    Duration left = deadline.remaining();
    Duration hold = left.compareTo(settings.leaseHold()) < 0 ? left : settings.leaseHold();
    return (hold.isNegative() ? Duration.ZERO : hold).plus(settings.leaseGrace());
  }

  /** Renews the lease; throws {@link LeaseLostException} if another writer holds it now. */
  void renew() {
    if (deadline.passed()) {
      throw new LeaseLostException("the writer's deadline passed before its round was written");
    }
    if (!lease.renew(ttl(deadline, settings))) {
      throw new LeaseLostException(
          "the lease (epoch " + lease.epoch() + ") passed to another writer");
    }
  }

  /** The deadline of the writes until the next renewal. */
  Deadline writes() {
    Instant leaseEnd = lease.until().minus(settings.leaseGrace());
    return leaseEnd.isBefore(deadline.at()) ? new Deadline(leaseEnd, clock) : deadline;
  }

  long epoch() {
    return lease.epoch();
  }

  Deadline deadline() {
    return deadline;
  }
}
