package org.newsindex.flow;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;

/**
 * The flows on LocalStack, run with {@code -Plocalstack}; skipped with the reason where Docker is
 * absent.
 */
@Tag("localstack")
class LocalStackFlowTest extends FlowTests {
  @Override
  Optional<String> unavailable() {
    return DockerAvailability.missing();
  }

  @Override
  NewsindexStack start(Path projectDir) {
    return LocalStackStack.start(projectDir);
  }
}
