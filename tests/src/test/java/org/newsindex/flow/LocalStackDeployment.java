package org.newsindex.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.S3EventSpec;
import org.newsindex.local.template.ScheduleSpec;
import org.newsindex.local.template.StackSpec;
import org.newsindex.local.template.TableSpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;

/**
 * Deploys the template's stack into LocalStack through the AWS APIs, as {@code sam deploy} would
 * through CloudFormation: the table and bucket, each function from the built jar with its handler,
 * memory, timeout, retries and environment, the bucket's notification to the ingest function, the
 * compact function's schedule, and an HTTP entry to the query function. The template is read by the
 * local cloud's reader, so names and settings are the template's.
 */
final class LocalStackDeployment {
  /** LocalStack does not enforce IAM by default; functions only need a well-formed role. */
  private static final String ROLE = "arn:aws:iam::000000000000:role/newsindex-function";

  private final StackSpec stack;
  private final LambdaClient lambda;
  private final Map<String, String> arns = new LinkedHashMap<>();

  LocalStackDeployment(StackSpec stack, LambdaClient lambda) {
    this.stack = stack;
    this.lambda = lambda;
  }

  void createTables(DynamoDbClient dynamoDb) {
    for (TableSpec table : stack.tables()) {
      dynamoDb.createTable(
          b ->
              b.tableName(table.name())
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      table.attributes().stream()
                          .map(
                              a ->
                                  AttributeDefinition.builder()
                                      .attributeName(a.name())
                                      .attributeType(a.type())
                                      .build())
                          .toList())
                  .keySchema(
                      table.keySchema().stream()
                          .map(
                              k ->
                                  KeySchemaElement.builder()
                                      .attributeName(k.attributeName())
                                      .keyType(k.keyType())
                                      .build())
                          .toList()));
      dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
    }
  }

  void createBuckets(S3Client s3) {
    stack.buckets().forEach(bucket -> s3.createBucket(b -> b.bucket(bucket.name())));
  }

  /**
   * Creates every function from the jar.
   *
   * @param endpoint how code inside LocalStack's Lambda containers reaches LocalStack
   */
  void createFunctions(Path jar, URI endpoint) {
    SdkBytes code;
    try {
      code = SdkBytes.fromByteArray(Files.readAllBytes(jar));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + jar, e);
    }
    Architecture architecture =
        System.getProperty("os.arch").toLowerCase(Locale.ROOT).matches("aarch64|arm64")
            ? Architecture.ARM64
            : Architecture.X86_64;
    for (FunctionSpec function : stack.functions()) {
      Map<String, String> environment = new LinkedHashMap<>(function.environment());
      environment.put("DYNAMODB_ENDPOINT", endpoint.toString());
      environment.put("S3_ENDPOINT", endpoint.toString());
      String arn =
          lambda
              .createFunction(
                  b ->
                      b.functionName(function.name())
                          .runtime(localStackRuntime(function.runtime()))
                          .handler(function.handler())
                          .role(ROLE)
                          .code(c -> c.zipFile(code))
                          .memorySize(function.memoryMb())
                          .timeout(function.timeoutSeconds())
                          .architectures(architecture)
                          .environment(e -> e.variables(environment)))
              .functionArn();
      lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(function.name()));
      lambda.putFunctionEventInvokeConfig(
          b ->
              b.functionName(function.name())
                  .maximumRetryAttempts(function.maximumRetryAttempts()));
      arns.put(function.logicalId(), arn);
    }
  }

  /** Points each bucket's notifications at the functions whose S3 events name it. */
  void connectBuckets(S3Client s3) {
    for (var bucket : stack.buckets()) {
      List<LambdaFunctionConfiguration> targets = new ArrayList<>();
      for (S3EventSpec event : stack.s3Events()) {
        if (!event.bucketName().equals(bucket.name())) {
          continue;
        }
        String function = stack.function(event.functionLogicalId()).orElseThrow().name();
        lambda.addPermission(
            b ->
                b.functionName(function)
                    .statementId("s3-" + event.eventLogicalId())
                    .action("lambda:InvokeFunction")
                    .principal("s3.amazonaws.com")
                    .sourceArn("arn:aws:s3:::" + bucket.name()));
        List<FilterRule> rules = new ArrayList<>();
        if (!event.prefix().isEmpty()) {
          rules.add(FilterRule.builder().name(FilterRuleName.PREFIX).value(event.prefix()).build());
        }
        if (!event.suffix().isEmpty()) {
          rules.add(FilterRule.builder().name(FilterRuleName.SUFFIX).value(event.suffix()).build());
        }
        LambdaFunctionConfiguration.Builder target =
            LambdaFunctionConfiguration.builder()
                .id(event.eventLogicalId())
                .lambdaFunctionArn(arns.get(event.functionLogicalId()))
                .eventsWithStrings(event.events());
        if (!rules.isEmpty()) {
          target.filter(f -> f.key(k -> k.filterRules(rules)));
        }
        targets.add(target.build());
      }
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket(bucket.name())
                  .notificationConfiguration(n -> n.lambdaFunctionConfigurations(targets)));
    }
  }

  /** An EventBridge rule for each enabled Schedule event. */
  void createSchedules(EventBridgeClient events) {
    for (ScheduleSpec schedule : stack.schedules()) {
      if (!schedule.enabled() || schedule.kind() != ScheduleSpec.Kind.RULE) {
        continue;
      }
      String function = stack.function(schedule.functionLogicalId()).orElseThrow().name();
      String rule =
          events
              .putRule(
                  b -> b.name(schedule.name()).scheduleExpression(schedule.expression().text()))
              .ruleArn();
      lambda.addPermission(
          b ->
              b.functionName(function)
                  .statementId("events-" + schedule.eventLogicalId())
                  .action("lambda:InvokeFunction")
                  .principal("events.amazonaws.com")
                  .sourceArn(rule));
      events.putTargets(
          b ->
              b.rule(schedule.name())
                  .targets(
                      Target.builder()
                          .id(schedule.eventLogicalId())
                          .arn(arns.get(schedule.functionLogicalId()))
                          .build()));
    }
  }

  /** The function that serves the template's HTTP API routes (the template has one). */
  private String apiFunction() {
    List<String> functions =
        stack.httpRoutes().stream().map(r -> r.functionLogicalId()).distinct().toList();
    if (functions.size() != 1) {
      throw new IllegalStateException(
          "expected one function behind the HTTP API, found " + functions);
    }
    return functions.get(0);
  }

  /**
   * An HTTP API (API Gateway v2, which only LocalStack's paid images have) whose $default route
   * sends every request to the API function, as the template's routes all do. Returns its URL.
   */
  URI createHttpApi(ApiGatewayV2Client apiGateway) {
    String function = stack.function(apiFunction()).orElseThrow().name();
    var api =
        apiGateway.createApi(
            b ->
                b.name(stack.identity().stackName())
                    .protocolType(ProtocolType.HTTP)
                    .target(arns.get(apiFunction())));
    lambda.addPermission(
        b ->
            b.functionName(function)
                .statementId("http-api")
                .action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com"));
    return URI.create(api.apiEndpoint());
  }

  /**
   * A function URL for the API function: the same payload 2.0 events an HTTP API sends, in
   * LocalStack's free image. Returns its URL.
   */
  URI createFunctionUrl() {
    String function = stack.function(apiFunction()).orElseThrow().name();
    String url =
        lambda
            .createFunctionUrlConfig(
                b -> b.functionName(function).authType(FunctionUrlAuthType.NONE))
            .functionUrl();
    lambda.addPermission(
        b ->
            b.functionName(function)
                .statementId("function-url")
                .action("lambda:InvokeFunctionUrl")
                .principal("*")
                .functionUrlAuthType(FunctionUrlAuthType.NONE));
    return URI.create(url);
  }

  /**
   * The runtime LocalStack runs a function on: the template's, except that the pinned LocalStack
   * 4.0 image predates Lambda's java25 (added to LocalStack in November 2025), so java25 functions
   * run there on java21; the jar is Java 17 bytecode, so nothing the test checks depends on it.
   * With {@code -Dnewsindex.localstack.image} naming a newer image, the template's runtime is kept.
   */
  static String localStackRuntime(String runtime) {
    boolean pinned = System.getProperty("newsindex.localstack.image") == null;
    return pinned && runtime.equals("java25") ? "java21" : runtime;
  }
}
