package org.newsindex.search;

import java.util.Locale;
import java.util.Optional;

/**
 * How results are ordered: by relevance (score, then ordinal), or by publication time, newest or
 * oldest first (ties by ingest order: the later ingest first when newest, the earlier when oldest).
 */
public enum SortOrder {
  RELEVANCE,
  NEWEST,
  OLDEST;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SortOrder> parse(String label) {
    for (SortOrder s : values()) {
      if (s.label().equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
