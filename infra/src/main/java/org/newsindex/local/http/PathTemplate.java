package org.newsindex.local.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path such as {@code /documents/{id}} or {@code /sources/{key+}}: literal segments, {@code
 * {name}} for exactly one segment, and a final {@code {name+}} for one or more segments.
 */
final class PathTemplate {
  private enum Kind {
    LITERAL,
    PARAMETER,
    GREEDY
  }

  private record Segment(Kind kind, String text) {}

  private final String path;
  private final List<Segment> segments;

  PathTemplate(String path) {
    this.path = path;
    List<Segment> parsed = new ArrayList<>();
    List<String> parts = split(path);
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.startsWith("{") && part.endsWith("+}")) {
        if (i != parts.size() - 1) {
          throw new IllegalArgumentException(
              "a greedy {name+} must be the last segment of " + path);
        }
        parsed.add(new Segment(Kind.GREEDY, part.substring(1, part.length() - 2)));
      } else if (part.startsWith("{") && part.endsWith("}")) {
        parsed.add(new Segment(Kind.PARAMETER, part.substring(1, part.length() - 1)));
      } else {
        parsed.add(new Segment(Kind.LITERAL, part));
      }
    }
    this.segments = List.copyOf(parsed);
  }

  /** The path parameters if the (percent-decoded) request path fits this template. */
  Optional<Map<String, String>> match(String requestPath) {
    List<String> parts = split(requestPath);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (i >= parts.size()) {
        return Optional.empty();
      }
      String part = parts.get(i);
      switch (segment.kind()) {
        case LITERAL -> {
          if (!segment.text().equals(part)) {
            return Optional.empty();
          }
        }
        case PARAMETER -> {
          if (part.isEmpty()) {
            return Optional.empty();
          }
          parameters.put(segment.text(), part);
        }
        case GREEDY -> {
          String rest = String.join("/", parts.subList(i, parts.size()));
          if (rest.isEmpty()) {
            return Optional.empty();
          }
          parameters.put(segment.text(), rest);
          return Optional.of(parameters);
        }
      }
    }
    return parts.size() == segments.size() ? Optional.of(parameters) : Optional.empty();
  }

  /**
   * Orders templates from most to least specific, segment by segment: a literal beats a {@code
   * {name}}, which beats a greedy {@code {name+}}.
   */
  int compareSpecificity(PathTemplate other) {
    int shared = Math.min(segments.size(), other.segments.size());
    for (int i = 0; i < shared; i++) {
      int difference = segments.get(i).kind().compareTo(other.segments.get(i).kind());
      if (difference != 0) {
        return difference;
      }
    }
    return Integer.compare(other.segments.size(), segments.size());
  }

  @Override
  public String toString() {
    return path;
  }

  private static List<String> split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(trimmed.split("/", -1));
  }
}
