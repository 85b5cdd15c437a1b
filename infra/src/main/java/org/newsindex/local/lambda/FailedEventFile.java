package org.newsindex.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends failed events to a JSON-lines file ({@code <data-dir>/failed-events.jsonl}). */
final class FailedEventFile {
  private static final Logger LOG = LoggerFactory.getLogger(FailedEventFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  FailedEventFile(Path file) {
    this.file = file;
  }

  synchronized void append(FailedEvent failure) {
    ObjectNode line = JSON.createObjectNode();
    line.put("time", failure.time().toString());
    line.put("function", failure.functionLogicalId());
    line.put("source", failure.source());
    line.put("attempts", failure.attempts());
    line.put("errorType", failure.errorType());
    line.put("errorMessage", failure.errorMessage());
    try {
      line.set("event", JSON.readTree(failure.eventJson()));
    } catch (JsonProcessingException e) {
      line.put("event", failure.eventJson());
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot append to {}: {}", file, e.getMessage());
    }
  }
}
