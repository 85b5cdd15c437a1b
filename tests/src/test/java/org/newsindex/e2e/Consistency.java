package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.verify.IndexVerifier;
import org.newsindex.verify.VerificationReport;

/** The consistency check ({@code verify}) as the tests assert it: no drift in the table. */
final class Consistency {
  private Consistency() {}

  /** Fails with the drift (after {@code context}) unless the check finds none. */
  static void assertNoDrift(IndexSnapshot snapshot, String context) {
    VerificationReport report = new IndexVerifier(new TextAnalyzer()).verify(snapshot);
    assertTrue(report.consistent(), context + report.drift());
  }
}
