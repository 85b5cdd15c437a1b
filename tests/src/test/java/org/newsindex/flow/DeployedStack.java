package org.newsindex.flow;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stack deployed with {@code sam deploy}, named by its outputs: {@code NEWSINDEX_API_URL} (the
 * ApiUrl output) and {@code NEWSINDEX_BUCKET} (CorpusBucketName), each a system property or an
 * environment variable; optionally {@code NEWSINDEX_CORPUS_PREFIX} (the CorpusPrefix parameter) and
 * {@code NEWSINDEX_API_TOKEN} (a bearer token, for ApiAuthorization=JWT). The AWS SDK finds
 * credentials and region as usual (AWS_PROFILE, AWS_REGION, ...).
 */
final class DeployedStack extends BucketAndApiStack {
  private final URI api;

  private DeployedStack(URI api, String bucket, String prefix, Optional<String> token) {
    super(S3Client.create(), bucket, new ApiClient(api, Optional.empty(), token), prefix);
    this.api = api;
  }

  static DeployedStack fromOutputs() {
    Optional<String> api = setting("NEWSINDEX_API_URL");
    Optional<String> bucket = setting("NEWSINDEX_BUCKET");
    if (api.isEmpty() || bucket.isEmpty()) {
      throw new IllegalStateException(
          "the deployed backend needs NEWSINDEX_API_URL and NEWSINDEX_BUCKET (the stack's ApiUrl"
              + " and CorpusBucketName outputs) as environment variables or -D system properties");
    }
    return new DeployedStack(
        URI.create(api.get()),
        bucket.get(),
        setting("NEWSINDEX_CORPUS_PREFIX").orElse(""),
        setting("NEWSINDEX_API_TOKEN"));
  }

  private static Optional<String> setting(String name) {
    String value = System.getProperty(name, System.getenv(name));
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  @Override
  public String description() {
    return "the deployed stack at " + api;
  }

  @Override
  public Duration patience() {
    return Duration.ofMinutes(2);
  }
}
