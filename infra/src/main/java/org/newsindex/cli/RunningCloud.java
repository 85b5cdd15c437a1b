package org.newsindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.newsindex.local.ProjectLayout;

/**
 * Where a running local cloud can be found: {@code local} writes its READY line to {@code
 * .newsindex/local.json} in the project while it runs, so {@code upload}, {@code search} and {@code
 * stats} reach it with no flags.
 */
record RunningCloud(URI api, URI s3, URI dynamoDb, String bucket, String table, String region) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path file(Path projectRoot) {
    return projectRoot.resolve(".newsindex").resolve("local.json");
  }

  /** Records the READY line ({@code READY {json}}) for the other commands. */
  static void announce(Path projectRoot, String readyLine) throws IOException {
    Path file = file(projectRoot);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, readyLine.startsWith("READY ") ? readyLine.substring("READY ".length()) : readyLine);
    file.toFile().deleteOnExit();
  }

  static Optional<RunningCloud> find() {
    return ProjectLayout.find()
        .map(p -> file(p.root()))
        .filter(Files::isRegularFile)
        .map(RunningCloud::read);
  }

  /** The running local cloud, or a one-line error saying how to start one. */
  static RunningCloud require() {
    return find()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no local cloud is running; start one with 'java -jar"
                        + " infra/target/newsindex-local.jar' (or give --api/--bucket for a"
                        + " deployed stack)"));
  }

  private static RunningCloud read(Path file) {
    try {
      JsonNode n = JSON.readTree(Files.readString(file));
      return new RunningCloud(
          URI.create(n.path("api").asText()),
          URI.create(n.path("s3").asText()),
          URI.create(n.path("dynamodb").asText()),
          n.path("bucket").asText(),
          n.path("table").asText(),
          n.path("region").asText("us-east-1"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
