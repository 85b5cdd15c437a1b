package org.newsindex.local.s3;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The local S3 as the local cloud starts it (in memory, one bucket), recording the object changes
 * it reports, with SDK clients that sign with any key pair.
 */
final class RunningLocalS3 implements AutoCloseable {
  static final String BUCKET = "newsindex-corpus-000000000000-us-east-1";

  private final List<ObjectChange> changes = new CopyOnWriteArrayList<>();
  private final S3Server server;

  RunningLocalS3() {
    server = S3Server.start(0, Optional.empty(), changes::add);
    server.createBucket(BUCKET);
  }

  URI endpoint() {
    return server.endpoint();
  }

  List<ObjectChange> changes() {
    return changes;
  }

  /** An S3 client configured as the README says, signing with the given pair. */
  S3Client client(String accessKeyId, String secretAccessKey, String region) {
    return client(AwsBasicCredentials.create(accessKeyId, secretAccessKey), region);
  }

  S3Client client(AwsCredentials credentials, String region) {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  S3Presigner presigner(String accessKeyId, String secretAccessKey) {
    return S3Presigner.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
