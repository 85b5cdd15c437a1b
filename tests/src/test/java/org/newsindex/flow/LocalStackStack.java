package org.newsindex.flow;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;
import org.newsindex.local.template.StackSpec;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stack in LocalStack (a container started by Testcontainers): the built jar deployed as real
 * Lambda functions by {@link LocalStackDeployment}.
 *
 * <p>System properties: {@code newsindex.localstack.image} (default {@value #FREE_IMAGE}, or
 * {@value #PRO_IMAGE} when the environment has {@code LOCALSTACK_AUTH_TOKEN}, which is passed on);
 * {@code newsindex.localstack.internalEndpoint}, how code in LocalStack's Lambda containers reaches
 * LocalStack (default {@value #INTERNAL_ENDPOINT}). With an auth token the query function sits
 * behind an HTTP API, as in the template; without one (the free image has no API Gateway v2) behind
 * a function URL, which sends the same payload 2.0 events.
 */
final class LocalStackStack extends BucketAndApiStack {
  static final String FREE_IMAGE = "localstack/localstack:4.0";
  static final String PRO_IMAGE = "localstack/localstack-pro:4.0";
  static final String INTERNAL_ENDPOINT = "http://localhost.localstack.cloud:4566";
  private static final int GATEWAY_PORT = 4566;

  private final LocalStackContainer container;
  private final URI api;

  private LocalStackStack(
      LocalStackContainer container, S3Client s3, String bucket, ApiClient apiClient, URI api) {
    super(s3, bucket, apiClient, "");
    this.container = container;
    this.api = api;
  }

  /** Starts LocalStack and deploys the project's template and jar into it. */
  static LocalStackStack start(Path projectDir) {
    Optional<String> token =
        Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN")).filter(t -> !t.isBlank());
    String image =
        System.getProperty(
            "newsindex.localstack.image", token.isPresent() ? PRO_IMAGE : FREE_IMAGE);
    DockerImageName name =
        DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack");
    LocalStackContainer container =
        new LocalStackContainer(name)
            // Java functions start slowly in a fresh Lambda container.
            .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "120");
    token.ifPresent(t -> container.withEnv("LOCALSTACK_AUTH_TOKEN", t));
    container.start();
    try {
      StackSpec stack =
          StackReader.read(
              projectDir.resolve("template.yaml"),
              StackIdentity.local(StackIdentity.DEFAULT_STACK_NAME),
              Map.of());
      S3Client s3 =
          configure(S3Client.builder(), container)
              .forcePathStyle(true)
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
              .build();
      URI entry;
      try (LambdaClient lambda = configure(LambdaClient.builder(), container).build();
          DynamoDbClient dynamoDb = configure(DynamoDbClient.builder(), container).build();
          EventBridgeClient events = configure(EventBridgeClient.builder(), container).build()) {
        LocalStackDeployment deployment = new LocalStackDeployment(stack, lambda);
        deployment.createTables(dynamoDb);
        deployment.createBuckets(s3);
        deployment.createFunctions(
            projectDir.resolve("functions/target/newsindex-functions.jar"),
            URI.create(
                System.getProperty("newsindex.localstack.internalEndpoint", INTERNAL_ENDPOINT)));
        deployment.connectBuckets(s3);
        deployment.createSchedules(events);
        if (token.isPresent()) {
          try (ApiGatewayV2Client apiGateway =
              configure(ApiGatewayV2Client.builder(), container).build()) {
            entry = deployment.createHttpApi(apiGateway);
          }
        } else {
          entry = deployment.createFunctionUrl();
        }
      }
      // Requests go to the container's mapped port and name the API's host, which LocalStack routes
      // by.
      URI gateway =
          URI.create("http://" + container.getHost() + ":" + container.getMappedPort(GATEWAY_PORT));
      ApiClient apiClient =
          new ApiClient(gateway, Optional.of(entry.getAuthority()), Optional.empty());
      return new LocalStackStack(container, s3, stack.buckets().get(0).name(), apiClient, entry);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, LocalStackContainer container) {
    builder
        .endpointOverride(container.getEndpoint())
        .region(Region.of(container.getRegion()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey())));
    return builder;
  }

  @Override
  public String description() {
    return "LocalStack (" + container.getDockerImageName() + ") at " + api;
  }

  @Override
  public Duration patience() {
    // The first invocation of each function pulls its runtime image and starts a JVM.
    return Duration.ofMinutes(5);
  }

  @Override
  public void close() {
    super.close();
    container.stop();
  }
}
