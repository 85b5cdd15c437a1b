package org.newsindex.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A text file the query function serves from its own jar, read once per container. */
record StaticFile(String body, Map<String, String> headers) {

  StaticFile {
    headers = Map.copyOf(headers);
  }

  /**
   * Reads a resource of the jar; a missing one is a broken build, so it fails the container's start
   * rather than a request.
   */
  static StaticFile load(
      String resource, String contentType, String cacheControl, Map<String, String> extraHeaders) {
    try (InputStream in = StaticFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource '" + resource + "' is missing from the jar; build it with Maven");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("content-type", contentType);
      headers.put("cache-control", cacheControl);
      headers.put("x-content-type-options", "nosniff");
      headers.putAll(extraHeaders);
      return new StaticFile(new String(in.readAllBytes(), StandardCharsets.UTF_8), headers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource '" + resource + "'", e);
    }
  }

  ApiResponse response() {
    return new ApiResponse(200, headers, body);
  }
}
