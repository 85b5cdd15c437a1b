package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS CLI v2 (Debian's awscli package, at /usr/bin/aws) reaches the local S3 with credentials
 * of its own, from its environment or from a profile, and nothing of the user's configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliTest {
  private static final Path AWS_CLI_V2 = Path.of("/usr/bin/aws");

  private static final Map<String, String> LOCALSTACK_PAIR =
      Map.of(
          "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", "us-east-1");

  private RunningLocalS3 s3;

  @BeforeAll
  void start() {
    assumeTrue(
        Files.isExecutable(AWS_CLI_V2),
        "AWS CLI test skipped: /usr/bin/aws (the AWS CLI v2) is missing (apt-get install awscli)");
    s3 = new RunningLocalS3();
  }

  @AfterAll
  void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void withTheLocalStackPairInItsEnvironmentItCopiesUpListsAndCopiesDown(@TempDir Path home)
      throws Exception {
    Map<String, String> credentials = LOCALSTACK_PAIR;
    String prefix = "s3://" + RunningLocalS3.BUCKET + "/cli/" + UUID.randomUUID() + "/";
    Path small = Files.writeString(home.resolve("small file é.txt"), "a corpus file\n");
    // Above the CLI's 8 MiB threshold, so it goes up as a multipart upload.
    byte[] large = new byte[9 * 1024 * 1024];
    new Random(7).nextBytes(large);
    Path big = Files.write(home.resolve("big.bin"), large);

    String up = aws(home, credentials, "s3", "cp", small.toString(), prefix + small.getFileName());
    String upLarge = aws(home, credentials, "s3", "cp", big.toString(), prefix + "big.bin");
    String listing = aws(home, credentials, "s3", "ls", prefix);
    Path down = home.resolve("down");
    aws(
        home,
        credentials,
        "s3",
        "cp",
        prefix + small.getFileName(),
        down.resolve("small.txt").toString());
    aws(home, credentials, "s3", "cp", prefix + "big.bin", down.resolve("big.bin").toString());

    assertTrue(up.contains("upload:"), up);
    assertTrue(upLarge.contains("upload:"), upLarge);
    assertTrue(listing.contains(" 14 small file é.txt"), listing);
    assertTrue(listing.contains(" 9437184 big.bin"), listing);
    assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(down.resolve("small.txt")));
    assertArrayEquals(large, Files.readAllBytes(down.resolve("big.bin")));
  }

  @Test
  void withAProfileOfItsOwnInAnotherRegionItUploads(@TempDir Path home) throws Exception {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        aws.resolve("credentials"),
        "[default]\naws_access_key_id = AKIA"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase()
            + "\naws_secret_access_key = "
            + UUID.randomUUID()
            + "\n");
    Files.writeString(aws.resolve("config"), "[default]\nregion = eu-west-1\n");
    String key = "cli/" + UUID.randomUUID() + "/profile.txt";
    Path file = Files.writeString(home.resolve("profile.txt"), "from a profile");

    String up =
        aws(
            home,
            Map.of(),
            "s3",
            "cp",
            file.toString(),
            "s3://" + RunningLocalS3.BUCKET + "/" + key);

    assertTrue(up.contains("upload:"), up);
    try (S3Client client = s3.client("test", "test", "us-east-1")) {
      assertEquals(
          "from a profile",
          client.getObjectAsBytes(r -> r.bucket(RunningLocalS3.BUCKET).key(key)).asUtf8String());
    }
  }

  @Test
  void itsPresignedUrlServesTheObject(@TempDir Path home) throws Exception {
    Map<String, String> credentials = LOCALSTACK_PAIR;
    String object = "s3://" + RunningLocalS3.BUCKET + "/cli/" + UUID.randomUUID() + "/shared.txt";
    Path file = Files.writeString(home.resolve("shared.txt"), "shared by URL");
    aws(home, credentials, "s3", "cp", file.toString(), object);

    String url = aws(home, credentials, "s3", "presign", object, "--expires-in", "300").strip();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

    assertTrue(url.contains("X-Amz-Signature="), url);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("shared by URL", response.body());
  }

  /**
   * Runs /usr/bin/aws against the local S3 with the given home and variables, and no others but
   * those that keep it from waiting for a pager or the EC2 metadata service.
   */
  private String aws(Path home, Map<String, String> variables, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(AWS_CLI_V2.toString());
    command.add("--endpoint-url");
    command.add(s3.endpoint().toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", "/usr/bin:/bin");
    environment.put("HOME", home.toString());
    environment.put("LANG", "C.UTF-8");
    environment.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
    environment.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
    environment.put("AWS_PAGER", "");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.putAll(variables);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "aws " + String.join(" ", arguments));
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "aws " + String.join(" ", arguments) + ":\n" + text);
    return text;
  }
}
