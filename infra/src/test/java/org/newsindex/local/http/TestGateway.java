package org.newsindex.local.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.newsindex.local.TestProjects;
import org.newsindex.local.lambda.DeployedFunctions;
import org.newsindex.local.lambda.InvocationLog;
import org.newsindex.local.lambda.InvocationRecord;
import org.newsindex.local.lambda.LocalServices;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;
import org.newsindex.local.template.StackSpec;

/**
 * The local HTTP API serving the test stack's functions (from their deployable jar) on a free port,
 * without the rest of the local cloud: the test functions behind it call no AWS service.
 */
final class TestGateway implements AutoCloseable {
  private final InvocationLog log = new InvocationLog(1_000);
  private final DeployedFunctions functions;
  private final HttpApiGateway gateway;

  TestGateway(Path directory) throws IOException, URISyntaxException {
    StackSpec stack =
        StackReader.read(
            TestProjects.testTemplate(directory), StackIdentity.local("newsindex"), Map.of());
    URI unused = URI.create("http://127.0.0.1:9");
    functions =
        DeployedFunctions.load(
            stack, new LocalServices("us-east-1", unused, unused, "local", "localsecret"), log);
    gateway = HttpApiGateway.start(0, stack, functions);
  }

  int port() {
    return gateway.port();
  }

  URI uri(String pathAndQuery) {
    return URI.create(gateway.uri() + pathAndQuery);
  }

  List<InvocationRecord> invocationsOf(String functionLogicalId) {
    return log.records().stream()
        .filter(r -> r.functionLogicalId().equals(functionLogicalId))
        .toList();
  }

  @Override
  public void close() {
    gateway.close();
    functions.close();
  }
}
