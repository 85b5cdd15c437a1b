package org.newsindex.local;

import java.net.URI;
import org.newsindex.index.WriteFence;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS SDK clients for the local cloud: its static credentials, its region, the endpoint override,
 * and for S3 path-style addressing and checksums only when required (S3Proxy answers 501 to the
 * SDK's default flexible checksums). The caller closes the clients it gets.
 */
public final class LocalClients {
  /** The access key id the local cloud's own clients sign with (its services accept any). */
  public static final String ACCESS_KEY_ID = "local";

  /** The secret access key the local cloud's own clients sign with (its services accept any). */
  public static final String SECRET_ACCESS_KEY = "localsecret";

  private LocalClients() {}

  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  public static DynamoDbClient dynamoDb(URI endpoint, String region) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new WriteFence()))
        .build();
  }

  public static S3Client s3(URI endpoint, String region) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  public static DynamoDbClient dynamoDb(LocalCloud cloud) {
    return dynamoDb(cloud.dynamoDbEndpoint(), cloud.region());
  }

  public static S3Client s3(LocalCloud cloud) {
    return s3(cloud.s3Endpoint(), cloud.region());
  }
}
