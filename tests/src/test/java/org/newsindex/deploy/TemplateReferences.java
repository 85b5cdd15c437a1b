package org.newsindex.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every name a template refers to ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}
 * variables, conditions, {@code DependsOn}) that it does not declare. Unlike cfn-lint, which
 * follows only the branch of an {@code Fn::If} its guessed parameters choose, it reads every
 * branch.
 */
final class TemplateReferences {
  private static final Set<String> PSEUDO_PARAMETERS =
      Set.of(
          "AWS::AccountId",
          "AWS::NotificationARNs",
          "AWS::NoValue",
          "AWS::Partition",
          "AWS::Region",
          "AWS::StackId",
          "AWS::StackName",
          "AWS::URLSuffix");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Set<String> parameters;
  private final Set<String> resources;
  private final Set<String> conditions;
  private final List<String> unknown = new ArrayList<>();

  private TemplateReferences(Map<String, Object> template) {
    this.parameters = keys(template.get("Parameters"));
    this.resources = keys(template.get("Resources"));
    this.conditions = keys(template.get("Conditions"));
  }

  /** Each reference to an undeclared name, as "where: what", in template order; empty if none. */
  static List<String> unknown(Map<String, Object> template) {
    TemplateReferences references = new TemplateReferences(template);
    for (String section : List.of("Conditions", "Globals", "Resources", "Outputs")) {
      references.walk(template.get(section), section);
    }
    return references.unknown;
  }

  private static Set<String> keys(Object section) {
    return section instanceof Map<?, ?> map
        ? new HashSet<>(map.keySet().stream().map(String::valueOf).toList())
        : Set.of();
  }

  private void walk(Object node, String where) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), where + "[" + i + "]");
      }
      return;
    }
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    map.forEach(
        (rawKey, value) -> {
          String key = String.valueOf(rawKey);
          String here = where + "." + key;
          switch (key) {
            case "Ref" -> expect(isValue(String.valueOf(value)), here, "Ref " + value);
            case "Fn::GetAtt" -> getAtt(value, here);
            case "Fn::Sub" -> sub(value, here);
            case "Fn::If" -> {
              if (value instanceof List<?> arguments && !arguments.isEmpty()) {
                expect(
                    conditions.contains(String.valueOf(arguments.get(0))),
                    here,
                    "condition " + arguments.get(0));
              }
              walk(value, here);
            }
            case "Condition" -> {
              if (value instanceof String name) {
                expect(conditions.contains(name), here, "condition " + name);
              } else {
                walk(value, here);
              }
            }
            case "DependsOn" -> {
              for (Object target : value instanceof List<?> list ? list : List.of(value)) {
                expect(resources.contains(String.valueOf(target)), here, "DependsOn " + target);
              }
            }
            default -> walk(value, here);
          }
        });
  }

  private void getAtt(Object value, String where) {
    String resource =
        value instanceof List<?> list && !list.isEmpty()
            ? String.valueOf(list.get(0))
            : String.valueOf(value).split("\\.", 2)[0];
    expect(resources.contains(resource), where, "Fn::GetAtt " + resource);
  }

  private void sub(Object value, String where) {
    String text;
    Set<String> local = Set.of();
    if (value instanceof List<?> list
        && list.size() == 2
        && list.get(1) instanceof Map<?, ?> variables) {
      text = String.valueOf(list.get(0));
      local = keys(variables);
      walk(variables, where);
    } else {
      text = String.valueOf(value);
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1).trim();
      if (variable.startsWith("!") || local.contains(variable)) {
        continue;
      }
      if (variable.contains(".") && !variable.startsWith("AWS::")) {
        String resource = variable.substring(0, variable.indexOf('.'));
        expect(resources.contains(resource), where, "${" + variable + "}");
      } else {
        expect(isValue(variable), where, "${" + variable + "}");
      }
    }
  }

  private boolean isValue(String name) {
    return parameters.contains(name)
        || resources.contains(name)
        || PSEUDO_PARAMETERS.contains(name);
  }

  private void expect(boolean declared, String where, String what) {
    if (!declared) {
      unknown.add(where + ": " + what);
    }
  }
}
