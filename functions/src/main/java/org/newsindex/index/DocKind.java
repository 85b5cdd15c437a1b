package org.newsindex.index;

import java.util.Locale;
import java.util.Optional;

/**
 * The two kinds of document: an article (one per file) and a headline (shared by the files that
 * list it).
 */
public enum DocKind {
  ARTICLE,
  HEADLINE;

  /** The name used in the API and in stored items. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DocKind> parse(String label) {
    for (DocKind kind : values()) {
      if (kind.label().equals(label)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
