package org.newsindex.local.testhandlers;

import java.util.Map;

/** Test function: returns the environment it was constructed with. */
public final class EnvironmentHandler {
  private final Map<String, String> environment;

  public EnvironmentHandler(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public Map<String, String> handleRequest(Map<String, Object> event) {
    return environment;
  }
}
