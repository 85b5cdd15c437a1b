package org.newsindex.index;

/**
 * The writer's lease passed to another writer (or its time ran out) before the writer finished a
 * round: it stops without writing more; the new holder finishes the round from its journal.
 */
public final class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LeaseLostException(String message) {
    super(message);
  }
}
