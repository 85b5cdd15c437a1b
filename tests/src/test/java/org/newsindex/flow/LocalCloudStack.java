package org.newsindex.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.newsindex.local.LocalClients;
import org.newsindex.local.LocalCloud;

/** The stack on the local cloud: template.yaml run with dynalite and S3Proxy, on free ports. */
final class LocalCloudStack extends BucketAndApiStack {
  private final LocalCloud cloud;

  private LocalCloudStack(LocalCloud cloud) {
    super(
        LocalClients.s3(cloud),
        cloud.bucket(),
        new ApiClient(cloud.apiUri(), Optional.empty(), Optional.empty()),
        "");
    this.cloud = cloud;
  }

  static LocalCloudStack start(Path projectDir) {
    return new LocalCloudStack(
        LocalCloud.builder()
            .projectDir(projectDir)
            .apiPort(0)
            .seed(false)
            .runSchedules(false)
            .start());
  }

  @Override
  public String description() {
    return "the local cloud at " + cloud.apiUri();
  }

  @Override
  public Duration patience() {
    return Duration.ofSeconds(60);
  }

  @Override
  public void close() {
    super.close();
    cloud.close();
  }
}
