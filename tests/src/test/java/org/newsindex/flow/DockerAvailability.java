package org.newsindex.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine, and if not, why, in one line. */
final class DockerAvailability {
  private DockerAvailability() {}

  static Optional<String> missing() {
    // Asking Testcontainers where there is plainly no engine would log every strategy's failure.
    boolean configured =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
            || Files.exists(
                Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    if (!configured) {
      return Optional.of(
          "no Docker engine: DOCKER_HOST is unset and there is no /var/run/docker.sock");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.of("Testcontainers cannot reach the Docker engine (see its log above)");
    }
    return Optional.empty();
  }
}
