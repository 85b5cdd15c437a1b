package org.newsindex.index;

import java.util.Locale;

/** Where a source file stands: being indexed, indexed, refused with a reason, or deleted. */
public enum SourceStatus {
  PENDING,
  INGESTED,
  REJECTED,
  DELETED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SourceStatus parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
