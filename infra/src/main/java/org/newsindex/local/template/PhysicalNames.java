package org.newsindex.local.template;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names, ARNs and attributes that resources get locally: the name the template gives, else
 * {@code <stack>-<LogicalId>} (lower case for buckets), with ARNs in the local account and region.
 */
final class PhysicalNames {
  private static final Logger LOG = LoggerFactory.getLogger(PhysicalNames.class);

  private final StackIdentity identity;
  private final Map<String, Object> resources;
  private final IntrinsicResolver resolver;
  private final Map<String, String> known = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  PhysicalNames(StackIdentity identity, Map<String, Object> resources, IntrinsicResolver resolver) {
    this.identity = identity;
    this.resources = resources;
    this.resolver = resolver;
  }

  Object ref(String logicalId) {
    String type = type(logicalId);
    String name = name(logicalId);
    return switch (type) {
      case "AWS::SQS::Queue" ->
          "https://sqs."
              + identity.region()
              + "."
              + identity.urlSuffix()
              + "/"
              + identity.accountId()
              + "/"
              + name;
      case "AWS::SNS::Topic" -> arn(logicalId);
      default -> name;
    };
  }

  String getAtt(String logicalId, String attribute) {
    String type = type(logicalId);
    String name = name(logicalId);
    if (attribute.equals("Arn")) {
      return arn(logicalId);
    }
    String region = identity.region();
    String suffix = identity.urlSuffix();
    return switch (type + "." + attribute) {
      case "AWS::S3::Bucket.DomainName" -> name + ".s3." + suffix;
      case "AWS::S3::Bucket.RegionalDomainName" -> name + ".s3." + region + "." + suffix;
      case "AWS::S3::Bucket.WebsiteURL" ->
          "http://" + name + ".s3-website-" + region + "." + suffix;
      case "AWS::DynamoDB::Table.StreamArn" -> arn(logicalId) + "/stream/1970-01-01T00:00:00.000";
      case "AWS::SQS::Queue.QueueName", "AWS::SNS::Topic.TopicName" -> name;
      case "AWS::SQS::Queue.QueueUrl" -> (String) ref(logicalId);
      case "AWS::SNS::Topic.TopicArn" -> arn(logicalId);
      case "AWS::Serverless::HttpApi.ApiEndpoint", "AWS::ApiGatewayV2::Api.ApiEndpoint" ->
          "https://" + name + ".execute-api." + region + "." + suffix;
      default -> {
        LOG.debug(
            "Fn::GetAtt {}.{} has no local meaning; using the resource name", logicalId, attribute);
        yield name;
      }
    };
  }

  private String arn(String logicalId) {
    String name = name(logicalId);
    String type = type(logicalId);
    return switch (type) {
      case "AWS::S3::Bucket" -> "arn:" + identity.partition() + ":s3:::" + name;
      case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" ->
          identity.arn("dynamodb", "table/" + name);
      case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
          identity.arn("lambda", "function:" + name);
      case "AWS::IAM::Role" ->
          "arn:" + identity.partition() + ":iam::" + identity.accountId() + ":role/" + name;
      default -> identity.arn(service(type), name);
    };
  }

  /** The physical name of a resource, resolving the template's name property when it has one. */
  String name(String logicalId) {
    String cached = known.get(logicalId);
    if (cached != null) {
      return cached;
    }
    if (!inProgress.add(logicalId)) {
      throw new TemplateException("the name of " + logicalId + " refers to itself");
    }
    try {
      String name = computeName(logicalId);
      known.put(logicalId, name);
      return name;
    } finally {
      inProgress.remove(logicalId);
    }
  }

  private String computeName(String logicalId) {
    String type = type(logicalId);
    Map<String, Object> properties = properties(logicalId);
    String property =
        switch (type) {
          case "AWS::S3::Bucket" -> "BucketName";
          case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> "TableName";
          case "AWS::Serverless::Function", "AWS::Lambda::Function" -> "FunctionName";
          case "AWS::SQS::Queue" -> "QueueName";
          case "AWS::SNS::Topic" -> "TopicName";
          case "AWS::IAM::Role" -> "RoleName";
          default -> "Name";
        };
    if (properties.get(property) != null) {
      return resolver.resolveString(properties.get(property), logicalId + "." + property);
    }
    String generated = identity.stackName() + "-" + logicalId;
    return switch (type) {
      case "AWS::S3::Bucket" -> truncate(generated.toLowerCase(Locale.ROOT), 63);
      case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" -> apiId(logicalId);
      case "AWS::SQS::Queue" ->
          Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue")))
              ? generated + ".fifo"
              : generated;
      default -> truncate(generated, 64);
    };
  }

  private String type(String logicalId) {
    Object resource = resources.get(logicalId);
    if (resource != null) {
      return String.valueOf(Values.asMap(resource, "Resources." + logicalId).get("Type"));
    }
    // Resources SAM creates implicitly and templates may still name.
    if (logicalId.equals("ServerlessHttpApi")) {
      return "AWS::Serverless::HttpApi";
    }
    if (logicalId.endsWith("Role")
        && resources.containsKey(logicalId.substring(0, logicalId.length() - 4))) {
      return "AWS::IAM::Role";
    }
    throw new TemplateException(
        "Ref or Fn::GetAtt names an unknown resource or parameter: " + logicalId);
  }

  private Map<String, Object> properties(String logicalId) {
    Object resource = resources.get(logicalId);
    if (resource == null) {
      return Map.of();
    }
    return Values.asMap(
        Values.asMap(resource, logicalId).get("Properties"), logicalId + ".Properties");
  }

  /** A stable ten-character id, as API Gateway gives each API. */
  private static String apiId(String logicalId) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    long hash = Integer.toUnsignedLong(logicalId.hashCode()) * 2654435761L;
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      id.append(alphabet.charAt((int) Long.remainderUnsigned(hash, alphabet.length())));
      hash = Long.divideUnsigned(hash, alphabet.length()) + 31L * (i + 1);
    }
    return id.toString();
  }

  private static String service(String type) {
    String[] parts = type.split("::");
    if (parts.length < 2) {
      return "unknown";
    }
    return switch (parts[1]) {
      case "Serverless" -> parts.length > 2 && parts[2].contains("Api") ? "apigateway" : "lambda";
      case "ApiGatewayV2", "ApiGateway" -> "apigateway";
      case "Logs" -> "logs";
      default -> parts[1].toLowerCase(Locale.ROOT);
    };
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
