package org.newsindex.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a SAM template's {@code Globals} section to its resources with SAM's rules: the
 * resource's own scalar wins, maps merge key by key, lists are concatenated (global items first).
 */
final class SamGlobals {
  private static final Map<String, String> SECTION_TYPES =
      Map.of(
          "Function", "AWS::Serverless::Function",
          "Api", "AWS::Serverless::Api",
          "HttpApi", "AWS::Serverless::HttpApi",
          "SimpleTable", "AWS::Serverless::SimpleTable",
          "StateMachine", "AWS::Serverless::StateMachine",
          "LayerVersion", "AWS::Serverless::LayerVersion");

  private SamGlobals() {}

  /** The resources with globals merged into the properties of each resource of a matching type. */
  static Map<String, Object> apply(Map<String, Object> globals, Map<String, Object> resources) {
    Map<String, Object> result = new LinkedHashMap<>();
    resources.forEach(
        (logicalId, resource) -> {
          Map<String, Object> declaration = Values.asMap(resource, "Resources." + logicalId);
          String type = String.valueOf(declaration.get("Type"));
          Map<String, Object> merged = new LinkedHashMap<>(declaration);
          globals.forEach(
              (section, values) -> {
                if (type.equals(SECTION_TYPES.get(section))) {
                  Object properties = merge(values, declaration.get("Properties"));
                  merged.put("Properties", properties);
                }
              });
          result.put(logicalId, merged);
        });
    return result;
  }

  static Object merge(Object global, Object local) {
    if (local == null) {
      return global;
    }
    if (global == null) {
      return local;
    }
    if (global instanceof Map<?, ?> globalMap
        && local instanceof Map<?, ?> localMap
        && !isIntrinsic(globalMap)
        && !isIntrinsic(localMap)) {
      Map<String, Object> result = new LinkedHashMap<>();
      globalMap.forEach((key, value) -> result.put(String.valueOf(key), value));
      localMap.forEach(
          (key, value) ->
              result.put(String.valueOf(key), merge(result.get(String.valueOf(key)), value)));
      return result;
    }
    if (global instanceof List<?> globalList && local instanceof List<?> localList) {
      List<Object> result = new ArrayList<>(globalList);
      result.addAll(localList);
      return result;
    }
    return local;
  }

  private static boolean isIntrinsic(Map<?, ?> map) {
    if (map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }
}
