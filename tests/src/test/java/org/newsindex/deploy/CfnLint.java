package org.newsindex.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm package cfn-lint 1.9.7 (installed by the build in infra/node_modules) on a template
 * through {@code src/test/node/cfn-lint-report.js}, which calls its node API and prints the
 * findings as JSON.
 */
final class CfnLint {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One finding: its level (crit, warn or info), where in the template, and what. */
  record Finding(String level, String resource, String message) {
    @Override
    public String toString() {
      return level + " at " + resource + ": " + message;
    }
  }

  private CfnLint() {}

  /**
   * Every finding cfn-lint makes on the template, with parameters at their defaults (or guessed).
   */
  static List<Finding> findings(Path template) {
    Path nodeModules = Project.nodeModules();
    if (!Files.isDirectory(nodeModules.resolve("cfn-lint"))) {
      throw new IllegalStateException(
          "cfn-lint is not installed in "
              + nodeModules
              + ": build infra first (its npm ci installs it)");
    }
    try {
      Path output = Files.createTempFile("cfn-lint", ".json");
      try {
        Process node =
            new ProcessBuilder(
                    "node",
                    Project.cfnLintReportScript().toString(),
                    nodeModules.toString(),
                    template.toString())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
          node.destroyForcibly();
          throw new IllegalStateException("cfn-lint did not finish within 60 s");
        }
        if (node.exitValue() != 0) {
          throw new IllegalStateException("cfn-lint-report.js exited with " + node.exitValue());
        }
        return parse(JSON.readTree(Files.readString(output, StandardCharsets.UTF_8)));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("running node (is Node.js installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Finding> parse(JsonNode report) {
    List<Finding> findings = new ArrayList<>();
    for (String level : List.of("crit", "warn", "info")) {
      for (JsonNode error : report.path("errors").path(level)) {
        findings.add(
            new Finding(level, error.path("resource").asText(), error.path("message").asText()));
      }
    }
    if (!report.path("templateValid").asBoolean() && findings.isEmpty()) {
      findings.add(new Finding("crit", "template", "invalid, with no finding reported"));
    }
    return findings;
  }
}
