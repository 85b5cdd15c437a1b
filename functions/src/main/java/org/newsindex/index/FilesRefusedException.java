package org.newsindex.index;

import java.util.Map;

/**
 * Some files of a round would make writes DynamoDB refuses; the round is planned again with those
 * files rejected, for the reasons given, by key.
 */
final class FilesRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> reasons;

  FilesRefusedException(Map<String, String> reasons) {
    super("files refused: " + reasons.keySet());
    this.reasons = Map.copyOf(reasons);
  }

  Map<String, String> reasons() {
    return reasons;
  }
}
