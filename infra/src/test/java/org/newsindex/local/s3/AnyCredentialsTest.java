package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The AWS SDK for Java v2 reaches the local S3 with whatever key pair it signs with. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnyCredentialsTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private RunningLocalS3 s3;

  @BeforeAll
  void start() {
    s3 = new RunningLocalS3();
  }

  @AfterAll
  void stop() {
    s3.close();
  }

  static Stream<Arguments> keyPairs() {
    return Stream.of(
        Arguments.of("the LocalStack convention", "test", "test"),
        Arguments.of("a made-up pair", UUID.randomUUID().toString(), UUID.randomUUID().toString()),
        Arguments.of(
            "a pair shaped like a real one",
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        Arguments.of("the local cloud's own pair", "local", "localsecret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyPairs")
  void anyKeyPairUploadsListsGetsAndDeletes(String pair, String accessKeyId, String secret) {
    String prefix = "pairs/" + UUID.randomUUID() + "/";
    String key = prefix + "my file é.txt";
    byte[] content = ("uploaded with " + pair).getBytes(StandardCharsets.UTF_8);
    try (S3Client client = s3.client(accessKeyId, secret, "us-east-1")) {
      client.putObject(
          r -> r.bucket(RunningLocalS3.BUCKET).key(key), RequestBody.fromBytes(content));

      List<String> listed = keys(client, prefix);
      byte[] read =
          client.getObjectAsBytes(r -> r.bucket(RunningLocalS3.BUCKET).key(key)).asByteArray();
      client.deleteObject(r -> r.bucket(RunningLocalS3.BUCKET).key(key));

      assertEquals(List.of(key), listed);
      assertArrayEquals(content, read);
      assertEquals(List.of(), keys(client, prefix));
    }
    List<String> events =
        s3.changes().stream()
            .filter(change -> change.key().equals(key))
            .map(ObjectChange::eventName)
            .toList();
    assertEquals(List.of("ObjectCreated:Put", "ObjectRemoved:Delete"), events);
  }

  @Test
  void sessionCredentialsSuchAsAnSsoProfileGivesAreServedToo() {
    String key = "sessions/" + UUID.randomUUID();
    try (S3Client client =
        s3.client(
            AwsSessionCredentials.create(
                "ASIAEXAMPLE", UUID.randomUUID().toString(), "a-session-token"),
            "us-east-1")) {
      client.putObject(
          r -> r.bucket(RunningLocalS3.BUCKET).key(key), RequestBody.fromString("session"));

      assertEquals(
          "session",
          client.getObjectAsBytes(r -> r.bucket(RunningLocalS3.BUCKET).key(key)).asUtf8String());
    }
  }

  @Test
  void aClientSigningForItsOwnRegionIsServedToo() {
    String key = "regions/" + UUID.randomUUID();
    try (S3Client client = s3.client("test", "test", "eu-west-1")) {
      client.putObject(r -> r.bucket(RunningLocalS3.BUCKET).key(key), RequestBody.fromString("x"));

      assertEquals(
          "x",
          client.getObjectAsBytes(r -> r.bucket(RunningLocalS3.BUCKET).key(key)).asUtf8String());
    }
  }

  @Test
  void presignedUrlsFromMadeUpCredentialsPutAndGet() throws Exception {
    String key = "presigned/" + UUID.randomUUID() + ".txt";
    try (S3Presigner presigner = s3.presigner(UUID.randomUUID().toString(), "any secret")) {
      URI put =
          presigner
              .presignPutObject(
                  r ->
                      r.signatureDuration(Duration.ofMinutes(5))
                          .putObjectRequest(o -> o.bucket(RunningLocalS3.BUCKET).key(key)))
              .url()
              .toURI();
      URI get =
          presigner
              .presignGetObject(
                  r ->
                      r.signatureDuration(Duration.ofMinutes(5))
                          .getObjectRequest(o -> o.bucket(RunningLocalS3.BUCKET).key(key)))
              .url()
              .toURI();

      HttpResponse<String> stored =
          http.send(
              HttpRequest.newBuilder(put)
                  .PUT(HttpRequest.BodyPublishers.ofString("through a presigned URL"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> read =
          http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(200, stored.statusCode(), stored.body());
      assertEquals(200, read.statusCode(), read.body());
      assertEquals("through a presigned URL", read.body());
    }
  }

  @Test
  void theSameUrlWithItsSignatureCutShortIsRefused() throws Exception {
    try (S3Presigner presigner = s3.presigner("test", "test")) {
      String url =
          presigner
              .presignGetObject(
                  r ->
                      r.signatureDuration(Duration.ofMinutes(5))
                          .getObjectRequest(o -> o.bucket(RunningLocalS3.BUCKET).key("x")))
              .url()
              .toString();
      URI truncated = URI.create(url.substring(0, url.length() - 1));

      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(truncated).build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(403, response.statusCode());
      assertTrue(response.body().contains("<Code>SignatureDoesNotMatch</Code>"), response.body());
    }
  }

  private static List<String> keys(S3Client client, String prefix) {
    return client
        .listObjectsV2(r -> r.bucket(RunningLocalS3.BUCKET).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }
}
