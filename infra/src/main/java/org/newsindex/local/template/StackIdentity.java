package org.newsindex.local.template;

import java.util.List;
import java.util.Optional;

/**
 * Where a stack lives: the values of CloudFormation's pseudo parameters ({@code AWS::StackName},
 * {@code AWS::Region}, ...) for the local cloud.
 */
public record StackIdentity(
    String stackName, String accountId, String region, String partition, String urlSuffix) {

  public static final String DEFAULT_STACK_NAME = "newsindex";
  public static final String LOCAL_ACCOUNT_ID = "000000000000";
  public static final String DEFAULT_REGION = "us-east-1";

  /** The local defaults: stack "newsindex", account 000000000000, us-east-1. */
  public static StackIdentity local(String stackName) {
    return new StackIdentity(stackName, LOCAL_ACCOUNT_ID, DEFAULT_REGION, "aws", "amazonaws.com");
  }

  /** The value of a pseudo parameter such as {@code AWS::Region}, if the name is one. */
  public Optional<Object> pseudoParameter(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "AWS::StackName" -> stackName;
          case "AWS::AccountId" -> accountId;
          case "AWS::Region" -> region;
          case "AWS::Partition" -> partition;
          case "AWS::URLSuffix" -> urlSuffix;
          case "AWS::StackId" -> arn("cloudformation", "stack/" + stackName + "/local");
          case "AWS::NotificationARNs" -> List.of();
          default -> null;
        });
  }

  /** An ARN in this stack's partition, region and account. */
  public String arn(String service, String resource) {
    return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
  }
}
