package org.newsindex.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions ({@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt},
 * {@code Fn::If}, ...) and conditions for one stack, the way CloudFormation would at deploy time.
 */
public final class IntrinsicResolver {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final StackIdentity identity;
  private final Map<String, Object> parameters;
  private final Map<String, String> imports;
  private final Map<String, Object> mappings;
  private final Map<String, Object> conditions;
  private final PhysicalNames names;
  private final Map<String, Boolean> conditionValues = new HashMap<>();
  private final Set<String> conditionsInProgress = new HashSet<>();

  /**
   * @param parameters the chosen parameter values (strings, or lists for list parameters)
   * @param imports values standing in for {@code Fn::ImportValue} exports, by export name
   */
  public IntrinsicResolver(
      StackIdentity identity,
      Map<String, Object> parameters,
      Map<String, String> imports,
      Map<String, Object> mappings,
      Map<String, Object> conditions,
      Map<String, Object> resources) {
    this.identity = identity;
    this.parameters = Map.copyOf(parameters);
    this.imports = Map.copyOf(imports);
    this.mappings = mappings;
    this.conditions = conditions;
    this.names = new PhysicalNames(identity, resources, this);
  }

  public StackIdentity identity() {
    return identity;
  }

  /** Resolves every intrinsic in a value; properties resolving to AWS::NoValue are removed. */
  public Object resolve(Object node) {
    Object value = resolveOrNoValue(node);
    return value == NoValue.INSTANCE ? null : value;
  }

  /** Resolves a value that must be a string (numbers and booleans count as strings). */
  public String resolveString(Object node, String where) {
    return Values.asString(resolve(node), where);
  }

  /** Whether the named entry of the template's {@code Conditions} section is true. */
  public boolean condition(String name) {
    Boolean known = conditionValues.get(name);
    if (known != null) {
      return known;
    }
    if (!conditions.containsKey(name)) {
      throw new TemplateException("unknown condition " + name);
    }
    if (!conditionsInProgress.add(name)) {
      throw new TemplateException("condition " + name + " refers to itself");
    }
    boolean value = truth(resolve(conditions.get(name)), "Conditions." + name);
    conditionsInProgress.remove(name);
    conditionValues.put(name, value);
    return value;
  }

  /** The value of {@code Ref name}: a parameter, a pseudo parameter or a resource's name. */
  public Object ref(String name) {
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    if (name.equals("AWS::NoValue")) {
      return NoValue.INSTANCE;
    }
    return identity.pseudoParameter(name).orElseGet(() -> names.ref(name));
  }

  /** The value of {@code Fn::GetAtt [logicalId, attribute]}. */
  public String getAtt(String logicalId, String attribute) {
    return names.getAtt(logicalId, attribute);
  }

  Object resolveOrNoValue(Object node) {
    if (node instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
          return function(key, map.values().iterator().next());
        }
      }
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach(
          (key, value) -> {
            Object resolved = resolveOrNoValue(value);
            if (resolved != NoValue.INSTANCE) {
              result.put(String.valueOf(key), resolved);
            }
          });
      return result;
    }
    if (node instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      for (Object item : list) {
        Object resolved = resolveOrNoValue(item);
        if (resolved != NoValue.INSTANCE) {
          result.add(resolved);
        }
      }
      return result;
    }
    return node;
  }

  private Object function(String name, Object argument) {
    return switch (name) {
      case "Ref" -> ref(resolveString(argument, "Ref"));
      case "Condition" -> condition(resolveString(argument, "Condition"));
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> join(arguments(argument, name, 2));
      case "Fn::Select" -> select(arguments(argument, name, 2));
      case "Fn::Split" -> split(arguments(argument, name, 2));
      case "Fn::If" -> ifThenElse(arguments(argument, name, 3));
      case "Fn::Equals" -> equalsFunction(arguments(argument, name, 2));
      case "Fn::Not" -> !truth(resolve(arguments(argument, name, 1).get(0)), name);
      case "Fn::And" -> all(argument, name, true);
      case "Fn::Or" -> all(argument, name, false);
      case "Fn::FindInMap" -> findInMap(arguments(argument, name, 3));
      case "Fn::Base64" ->
          Base64.getEncoder()
              .encodeToString(resolveString(argument, name).getBytes(StandardCharsets.UTF_8));
      case "Fn::GetAZs" ->
          List.of(identity.region() + "a", identity.region() + "b", identity.region() + "c");
      case "Fn::ImportValue" -> importValue(resolveString(argument, name));
      case "Fn::Length" -> Values.asList(resolve(argument), name).size();
      default -> throw new TemplateException(name + " is not supported by the local cloud");
    };
  }

  private List<?> arguments(Object argument, String function, int count) {
    List<?> list = Values.asList(argument, function);
    if (list.size() != count) {
      throw new TemplateException(function + " takes " + count + " arguments, got " + list.size());
    }
    return list;
  }

  private String getAtt(Object argument) {
    List<?> parts = arguments(argument, "Fn::GetAtt", 2);
    return getAtt(
        resolveString(parts.get(0), "Fn::GetAtt resource"),
        resolveString(parts.get(1), "Fn::GetAtt attribute"));
  }

  private String sub(Object argument) {
    String text;
    Map<String, Object> variables = new HashMap<>();
    if (argument instanceof List<?> list) {
      if (list.size() != 2) {
        throw new TemplateException("Fn::Sub takes a string or [string, variables]");
      }
      text = Values.asString(list.get(0), "Fn::Sub");
      Values.asMap(list.get(1), "Fn::Sub variables")
          .forEach((key, value) -> variables.put(key, resolve(value)));
    } else {
      text = Values.asString(argument, "Fn::Sub");
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1).trim();
      String replacement;
      if (variable.startsWith("!")) {
        replacement = "${" + variable.substring(1) + "}";
      } else if (variables.containsKey(variable)) {
        replacement = Values.asString(variables.get(variable), "Fn::Sub ${" + variable + "}");
      } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
        int dot = variable.indexOf('.');
        replacement = getAtt(variable.substring(0, dot), variable.substring(dot + 1));
      } else {
        replacement = Values.asString(ref(variable), "Fn::Sub ${" + variable + "}");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private String join(List<?> arguments) {
    String delimiter = resolveString(arguments.get(0), "Fn::Join delimiter");
    List<String> parts = new ArrayList<>();
    for (Object part : Values.asList(resolve(arguments.get(1)), "Fn::Join values")) {
      parts.add(Values.asString(part, "Fn::Join value"));
    }
    return String.join(delimiter, parts);
  }

  private Object select(List<?> arguments) {
    int index = Values.asInt(resolve(arguments.get(0)), "Fn::Select index");
    List<?> list = Values.asList(resolve(arguments.get(1)), "Fn::Select list");
    if (index < 0 || index >= list.size()) {
      throw new TemplateException(
          "Fn::Select index " + index + " is outside a list of " + list.size());
    }
    return list.get(index);
  }

  private List<String> split(List<?> arguments) {
    String delimiter = resolveString(arguments.get(0), "Fn::Split delimiter");
    String source = resolveString(arguments.get(1), "Fn::Split source");
    return List.of(source.split(Pattern.quote(delimiter), -1));
  }

  private Object ifThenElse(List<?> arguments) {
    boolean chosen = condition(resolveString(arguments.get(0), "Fn::If condition"));
    return resolveOrNoValue(chosen ? arguments.get(1) : arguments.get(2));
  }

  private boolean equalsFunction(List<?> arguments) {
    return String.valueOf(resolve(arguments.get(0)))
        .equals(String.valueOf(resolve(arguments.get(1))));
  }

  private boolean all(Object argument, String function, boolean and) {
    for (Object item : Values.asList(argument, function)) {
      boolean value = truth(resolve(item), function);
      if (value != and) {
        return value;
      }
    }
    return and;
  }

  private Object findInMap(List<?> arguments) {
    String map = resolveString(arguments.get(0), "Fn::FindInMap map");
    String top = resolveString(arguments.get(1), "Fn::FindInMap top-level key");
    String second = resolveString(arguments.get(2), "Fn::FindInMap second-level key");
    Object value =
        Values.asMap(
                Values.asMap(mappings.get(map), "Mappings." + map).get(top),
                "Mappings." + map + "." + top)
            .get(second);
    if (value == null) {
      throw new TemplateException(
          "Fn::FindInMap found nothing at " + map + "." + top + "." + second);
    }
    return value;
  }

  private String importValue(String exportName) {
    String value = imports.get(exportName);
    if (value == null) {
      throw new TemplateException(
          "Fn::ImportValue "
              + exportName
              + " has no local value: pass --parameter-overrides "
              + exportName
              + "=VALUE");
    }
    return value;
  }

  private static boolean truth(Object value, String where) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw new TemplateException(where + " must be a condition, got " + Values.describe(value));
  }
}
