package org.newsindex.flow;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/**
 * The flows on a stack deployed with {@code sam deploy}, run with {@code -Pdeployed} and the
 * stack's outputs (see {@link DeployedStack}). Missing outputs fail the run: the backend was asked
 * for.
 */
@Tag("deployed")
class DeployedStackFlowTest extends FlowTests {
  @Override
  NewsindexStack start(Path projectDir) {
    return DeployedStack.fromOutputs();
  }
}
