package org.newsindex.lambda;

import java.time.Duration;
import org.newsindex.config.Settings;
import org.newsindex.index.WriteFence;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK clients a function uses, once per execution environment, with the lightweight
 * URL-connection HTTP client (fast cold start) and, when the settings name local endpoints, the
 * options the local emulators need.
 */
public final class Clients {
  private Clients() {}

  public static DynamoDbClient dynamoDb(Settings settings) {
    return dynamoDbBuilder(settings)
        .overrideConfiguration(c -> c.addExecutionInterceptor(new WriteFence()))
        .build();
  }

  /** A client whose every request {@code usage} counts. */
  static DynamoDbClient dynamoDb(Settings settings, DynamoDbUsage usage) {
    return dynamoDbBuilder(settings)
        .overrideConfiguration(
            c -> c.addExecutionInterceptor(usage).addExecutionInterceptor(new WriteFence()))
        .build();
  }

  private static DynamoDbClientBuilder dynamoDbBuilder(Settings settings) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .httpClient(http())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings));
    settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  public static S3Client s3(Settings settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(http())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings));
    settings
        .s3Endpoint()
        .ifPresent(
            endpoint ->
                builder
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder.build();
  }

  private static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(20))
        .build();
  }

  /**
   * Keys from the settings when the function runs against local endpoints; otherwise the SDK's
   * default chain, which on Lambda (SnapStart included) fetches fresh credentials as they rotate.
   */
  private static AwsCredentialsProvider credentials(Settings settings) {
    boolean local = settings.dynamoDbEndpoint().isPresent() || settings.s3Endpoint().isPresent();
    if (local && settings.credentials().isPresent()) {
      Settings.StaticCredentials c = settings.credentials().get();
      return StaticCredentialsProvider.create(
          c.sessionToken().isPresent()
              ? AwsSessionCredentials.create(
                  c.accessKeyId(), c.secretAccessKey(), c.sessionToken().get())
              : AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
