package org.newsindex.index;

import java.time.Duration;

/**
 * How the index writer works: the files it may read, how its chunks split, how long its lease
 * outlives its deadline, how it gathers a bulk upload into few large rounds, and how much work a
 * round may take.
 *
 * @param maxFileBytes files bigger than this are rejected unread
 * @param chunkBytes a posting chunk splits past this size
 * @param leaseGrace how long past its holder's deadline the lease lasts
 * @param leaseHold how long a hold lasts between renewals, at most (a Lambda writer's lasts as long
 *     as its invocation: Lambda stops it at its timeout, before its lease can pass to another)
 * @param quiet a round starts once no event has arrived for this long ...
 * @param firstWait ... or once the oldest waiting event has waited this long (doubling with each
 *     round of a run, as a bulk upload grows)
 * @param roundWork the most work (bytes of text, see {@link FileChange#work}) one round may take
 * @param firstRoundWork the most the first round of a writer may take, before it has measured its
 *     pace (a Lambda writer starts modestly; a reindex on a machine of its own takes all it can)
 * @param roundMemory the most memory the files of one round may take (bytes, see {@link
 *     FileChange#memory}); the chunks a round edits are read an eighth of it at a time
 */
public record WriterSettings(
    long maxFileBytes,
    int chunkBytes,
    Duration leaseGrace,
    Duration leaseHold,
    Duration quiet,
    Duration firstWait,
    long roundWork,
    long firstRoundWork,
    long roundMemory) {

  /** What the Lambda functions use, for a function of {@code memoryMb}. */
  public static WriterSettings forMemory(long maxFileBytes, int chunkBytes, int memoryMb) {
    return new WriterSettings(
        maxFileBytes,
        chunkBytes,
        Duration.ofSeconds(10),
        Duration.ofMinutes(15),
        Duration.ofSeconds(1),
        Duration.ofSeconds(20),
        roundWorkFor(memoryMb),
        Math.min(roundWorkFor(memoryMb), 8L << 20),
        roundMemoryFor(memoryMb));
  }

  /**
   * A round's files may take three tenths of the function's memory (530 MB of 1,769 MB), the chunks
   * it edits an eighth of that at a time and the directories it remembers as much again: the rest
   * is the runtime's, the clients' and the collector's headroom.
   */
  public static long roundMemoryFor(int memoryMb) {
    return Math.max(32L << 20, (long) memoryMb * (1 << 20) * 3 / 10);
  }

  /**
   * A round holds its files' postings in memory, about twelve times their text: a round may take a
   * twentieth of the function's memory in text (85 MB for 1,769 MB), and never less than 4 MB.
   */
  public static long roundWorkFor(int memoryMb) {
    return Math.max(4L << 20, (long) memoryMb * (1 << 20) / 20);
  }

  /**
   * What a reindex run on a machine of its own uses: rounds as large as {@code roundMemory} allows
   * from the first, no waiting, a lease renewed every phase.
   */
  public static WriterSettings forBulk(long maxFileBytes, long roundMemory) {
    return new WriterSettings(
        maxFileBytes,
        PostingListEditor.MAX_CHUNK_BYTES,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ZERO,
        Duration.ZERO,
        Long.MAX_VALUE / 4,
        Long.MAX_VALUE / 4,
        roundMemory);
  }

  /** No waiting for a bulk upload to gather: every round starts as soon as it can (tests). */
  public WriterSettings immediate() {
    return new WriterSettings(
        maxFileBytes,
        chunkBytes,
        leaseGrace,
        leaseHold,
        Duration.ZERO,
        Duration.ZERO,
        roundWork,
        firstRoundWork,
        roundMemory);
  }

  public WriterSettings withChunkBytes(int bytes) {
    return new WriterSettings(
        maxFileBytes,
        bytes,
        leaseGrace,
        leaseHold,
        quiet,
        firstWait,
        roundWork,
        firstRoundWork,
        roundMemory);
  }

  /** Rounds of at most {@code work} (and a first round no larger). */
  public WriterSettings withRoundWork(long work) {
    return new WriterSettings(
        maxFileBytes, chunkBytes, leaseGrace, leaseHold, quiet, firstWait, work, work, roundMemory);
  }
}
