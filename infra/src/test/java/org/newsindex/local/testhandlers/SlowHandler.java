package org.newsindex.local.testhandlers;

import java.util.Map;

/** Test function: runs longer than its one-second timeout. */
public final class SlowHandler {
  public String handleRequest(Map<String, Object> event) throws InterruptedException {
    Thread.sleep(5_000);
    return "too late";
  }
}
