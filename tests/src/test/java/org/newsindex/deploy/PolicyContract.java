package org.newsindex.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsindex.local.template.IntrinsicResolver;
import org.newsindex.local.template.StackIdentity;

/**
 * Least privilege in the template, checked without AWS: every policy statement names resources of
 * this template (through Ref, Fn::GetAtt or Fn::Sub, never a literal and never {@code *}), no
 * statement allows a wildcard action, no role takes a managed policy, and every function runs under
 * a role of the template (SAM's default role would bring AWSLambdaBasicExecutionRole, whose log
 * permissions name every resource).
 */
final class PolicyContract {
  /** Types whose {@code Fn::GetAtt .Arn} policies can name. */
  private static final Set<String> ARN_TYPES =
      Set.of(
          "AWS::S3::Bucket",
          "AWS::DynamoDB::Table",
          "AWS::Logs::LogGroup",
          "AWS::SQS::Queue",
          "AWS::SNS::Topic",
          "AWS::Serverless::Function");

  private static final Set<String> RESOURCE_POLICY_TYPES =
      Set.of("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy");

  private final Map<String, Object> resources;
  private final IntrinsicResolver resolver;
  private final Map<String, String> arns = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();

  private PolicyContract(Map<String, Object> template) {
    this.resources = map(template.get("Resources"));
    this.resolver = resolver(template, Map.of());
    resources.forEach(
        (id, resource) -> {
          if (ARN_TYPES.contains(type(id))) {
            arns.put(id, resolver.getAtt(id, "Arn"));
          }
        });
  }

  /** Everything in the template that breaks the rules above, as "where: what". */
  static List<String> violations(Map<String, Object> template) {
    PolicyContract contract = new PolicyContract(template);
    contract.check();
    return contract.violations;
  }

  /**
   * The statements of the role a function runs under, resolved; empty if it has no template role.
   */
  static List<Map<String, Object>> roleStatements(Map<String, Object> template, String functionId) {
    PolicyContract contract = new PolicyContract(template);
    Object role = map(map(contract.resources.get(functionId)).get("Properties")).get("Role");
    List<Map<String, Object>> statements = new ArrayList<>();
    if (role instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> target) {
      for (Object policy :
          list(
              map(map(contract.resources.get(String.valueOf(target.get(0)))).get("Properties"))
                  .get("Policies"))) {
        for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
          statements.add(map(contract.resolver.resolve(statement)));
        }
      }
    }
    return statements;
  }

  private void check() {
    resources.forEach(
        (id, declaration) -> {
          Map<String, Object> properties = map(map(declaration).get("Properties"));
          String type = type(id);
          if (type.equals("AWS::IAM::Role")) {
            if (properties.containsKey("ManagedPolicyArns")) {
              violations.add(id + ": managed policies grant what this template cannot check");
            }
            List<?> policies = list(properties.get("Policies"));
            for (int p = 0; p < policies.size(); p++) {
              statements(
                  id + ".Policies[" + p + "]", map(map(policies.get(p)).get("PolicyDocument")));
            }
          } else if (RESOURCE_POLICY_TYPES.contains(type)) {
            statements(id, map(properties.get("PolicyDocument")));
          } else if (type.equals("AWS::Serverless::Function")) {
            function(id, properties);
          }
        });
  }

  private void function(String id, Map<String, Object> properties) {
    Object role = properties.get("Role");
    boolean templateRole =
        role instanceof Map<?, ?> getAtt
            && getAtt.get("Fn::GetAtt") instanceof List<?> target
            && type(String.valueOf(target.get(0))).equals("AWS::IAM::Role");
    if (!templateRole) {
      violations.add(
          id + ": runs under no role of this template (SAM's default role allows logs on *)");
    }
    if (properties.containsKey("Policies")) {
      violations.add(
          id
              + ": Policies (SAM policy templates or managed policies) instead of its role's"
              + " statements");
    }
  }

  private void statements(String where, Map<String, Object> document) {
    List<?> statements = list(document.get("Statement"));
    for (int s = 0; s < statements.size(); s++) {
      Map<String, Object> statement = map(statements.get(s));
      String here = where + ".Statement[" + s + "]";
      if (statement.containsKey("NotResource") || statement.containsKey("NotAction")) {
        violations.add(here + ": NotResource and NotAction grant everything else");
      }
      if ("Allow".equals(statement.get("Effect"))) {
        for (Object action : list(wrap(statement.get("Action")))) {
          if (String.valueOf(action).contains("*")) {
            violations.add(here + ": allows the wildcard action " + action);
          }
        }
      }
      List<?> targets = list(wrap(statement.get("Resource")));
      if (targets.isEmpty()) {
        violations.add(here + ": names no resource");
      }
      for (Object target : targets) {
        resource(here, target);
      }
    }
  }

  private void resource(String where, Object target) {
    if (!(target instanceof Map<?, ?>)) {
      violations.add(
          where + ": names '" + target + "' literally, not through a resource of this template");
      return;
    }
    String arn = String.valueOf(resolver.resolve(target));
    String stem = arn.endsWith("*") ? arn.substring(0, arn.length() - 1) : arn;
    boolean ofTemplate =
        arns.values().stream().anyMatch(a -> stem.equals(a) || stem.startsWith(a + "/"));
    if (stem.isEmpty() || stem.contains("*") || !ofTemplate) {
      violations.add(where + ": " + arn + " is not a resource of this template");
    }
  }

  /**
   * Resolves the template's intrinsics as the local stack "newsindex" would, with each parameter at
   * its override, else its default (a secret without one gets 64 zeros).
   */
  static IntrinsicResolver resolver(Map<String, Object> template, Map<String, String> overrides) {
    Map<String, Object> parameters = defaults(map(template.get("Parameters")));
    parameters.putAll(overrides);
    return new IntrinsicResolver(
        StackIdentity.local("newsindex"),
        parameters,
        Map.of(),
        map(template.get("Mappings")),
        map(template.get("Conditions")),
        map(template.get("Resources")));
  }

  private String type(String id) {
    return String.valueOf(map(resources.get(id)).get("Type"));
  }

  private static Map<String, Object> defaults(Map<String, Object> parameters) {
    Map<String, Object> values = new HashMap<>();
    parameters.forEach(
        (name, declaration) -> {
          Map<String, Object> p = map(declaration);
          String value =
              p.containsKey("Default") ? String.valueOf(p.get("Default")) : "0".repeat(64);
          values.put(
              name,
              String.valueOf(p.get("Type")).equals("CommaDelimitedList")
                  ? List.of(value.split(",", -1))
                  : value);
        });
    return values;
  }

  private static Object wrap(Object value) {
    return value == null || value instanceof List<?> ? value : List.of(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
