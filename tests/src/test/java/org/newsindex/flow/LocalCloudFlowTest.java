package org.newsindex.flow;

import java.nio.file.Path;

/** The flows on the local cloud: always run. */
class LocalCloudFlowTest extends FlowTests {
  @Override
  NewsindexStack start(Path projectDir) {
    return LocalCloudStack.start(projectDir);
  }
}
