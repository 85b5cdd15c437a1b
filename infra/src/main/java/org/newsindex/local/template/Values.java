package org.newsindex.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checked conversions of parsed template values, with errors that name where the value sits. */
final class Values {
  private Values() {}

  static Map<String, Object> asMap(Object value, String where) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new TemplateException(where + " must be a mapping");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((key, item) -> result.put(String.valueOf(key), item));
    return result;
  }

  static List<?> asList(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw new TemplateException(where + " must be a list");
  }

  /** A scalar as CloudFormation sees it: numbers and booleans are strings too. */
  static String asString(Object value, String where) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new TemplateException(where + " must be a string, got " + describe(value));
  }

  static int asInt(Object value, String where) {
    String text = asString(value, where);
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(where + " must be a whole number, got '" + text + "'");
    }
  }

  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return "'" + value + "'";
  }
}
