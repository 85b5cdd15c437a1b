package org.newsindex.verify;

import java.util.List;
import java.util.Map;

/**
 * What a consistency check found: every drift between the stored statistics, posting lists, source
 * lists and suggestions and what the stored documents and file manifests say they should be, and
 * what it counted on the way.
 */
public record VerificationReport(
    List<String> drift, Map<String, Long> counts, List<String> pendingFiles) {

  public VerificationReport {
    drift = List.copyOf(drift);
    counts = Map.copyOf(counts);
    pendingFiles = List.copyOf(pendingFiles);
  }

  public boolean consistent() {
    return drift.isEmpty();
  }
}
