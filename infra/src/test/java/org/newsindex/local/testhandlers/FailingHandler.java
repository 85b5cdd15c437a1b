package org.newsindex.local.testhandlers;

import java.util.Map;

/** Test function: always throws. */
public final class FailingHandler {
  public String handleRequest(Map<String, Object> event) {
    throw new IllegalStateException("boom");
  }
}
