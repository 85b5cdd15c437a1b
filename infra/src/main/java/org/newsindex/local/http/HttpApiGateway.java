package org.newsindex.local.http;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.newsindex.local.lambda.DeployedFunctions;
import org.newsindex.local.template.HttpApiSpec;
import org.newsindex.local.template.HttpRouteSpec;
import org.newsindex.local.template.StackSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway: an HTTP server on 127.0.0.1 that routes requests to functions by the
 * template's HttpApi events and speaks payload format 2.0 to them. It is as strict as an HTTP API
 * where a client would see the difference: the request line and header values limited to 10,240
 * bytes together, bodies to 10 MB, events and responses to Lambda's 6 MB, the integration timeout;
 * and every refusal of its own is API Gateway's JSON {@code {"message": "..."}}.
 */
public final class HttpApiGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Jetty's own limit on a request head. Above API Gateway's, so that the gateway counts a head the
   * way API Gateway does (request line and header values) and answers it; Jetty refuses only heads
   * far beyond that, with the same statuses, as JSON.
   */
  private static final int SERVER_HEAD_BYTES = 64 * 1024;

  private record Api(HttpApiSpec spec, RouteTable routes) {}

  private final Server server;
  private final ServerConnector connector;
  private final ExecutorService invocations;
  private final List<Api> apis;
  private final LambdaIntegration integration;
  private final String accountId;

  private HttpApiGateway(int port, List<Api> apis, DeployedFunctions functions, String accountId) {
    AtomicInteger count = new AtomicInteger();
    this.invocations =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "http-api-invoke-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.apis = apis;
    this.integration = new LambdaIntegration(functions, invocations);
    this.accountId = accountId;
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("http-api");
    threads.setDaemon(true);
    this.server = new Server(threads);
    HttpConfiguration configuration = new HttpConfiguration();
    configuration.setRequestHeaderSize(SERVER_HEAD_BYTES);
    configuration.setSendServerVersion(false);
    configuration.setSendXPoweredBy(false);
    // API Gateway takes encoded slashes, odd characters and the like, and passes them on.
    configuration.setUriCompliance(UriCompliance.UNSAFE);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(configuration));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setErrorHandler(new JsonErrorHandler());
    server.setHandler(new HttpApiHandler(this::respond));
  }

  /**
   * Starts serving every HTTP API of the stack on one port.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   */
  public static HttpApiGateway start(int port, StackSpec stack, DeployedFunctions functions)
      throws IOException {
    List<Api> apis = new ArrayList<>();
    for (HttpApiSpec api : stack.httpApis()) {
      List<HttpRouteSpec> routes =
          stack.httpRoutes().stream()
              .filter(r -> r.apiLogicalId().equals(api.logicalId()))
              .toList();
      apis.add(new Api(api, new RouteTable(routes)));
    }
    // APIs on a named stage are tried first: their paths carry the stage as a prefix.
    apis.sort((a, b) -> Boolean.compare(a.spec().isDefaultStage(), b.spec().isDefaultStage()));
    HttpApiGateway gateway =
        new HttpApiGateway(port, apis, functions, stack.identity().accountId());
    try {
      gateway.server.start();
    } catch (Exception e) {
      gateway.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    return gateway;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private HttpApiResponse respond(HttpApiRequest request) {
    String requestId = requestId();
    return route(request, requestId).withHeader("apigw-requestid", requestId);
  }

  private HttpApiResponse route(HttpApiRequest request, String requestId) {
    for (Api api : apis) {
      Optional<String> routedPath = withoutStage(api.spec(), request.path());
      if (routedPath.isEmpty()) {
        continue;
      }
      Optional<RouteMatch> match = api.routes().match(request.method(), routedPath.get());
      if (match.isPresent()) {
        HttpApiRequest routed =
            new HttpApiRequest(
                request.method(),
                routedPath.get(),
                request.rawQueryString(),
                request.headers(),
                request.body(),
                request.sourceIp(),
                request.protocol());
        HttpApiEvent.Gateway gateway =
            new HttpApiEvent.Gateway(
                accountId,
                api.spec().id(),
                api.spec().stageName(),
                requestId,
                Instant.now(),
                port());
        return integration.invoke(
            match.get(),
            HttpApiEvent.json(routed, match.get(), gateway),
            request.method() + " " + request.path());
      }
    }
    LOG.debug("{} {}: no route", request.method(), request.path());
    return GatewayErrors.notFound();
  }

  private static Optional<String> withoutStage(HttpApiSpec api, String path) {
    if (api.isDefaultStage()) {
      return Optional.of(path);
    }
    String prefix = "/" + api.stageName();
    if (path.equals(prefix)) {
      return Optional.of("/");
    }
    return path.startsWith(prefix + "/")
        ? Optional.of(path.substring(prefix.length()))
        : Optional.empty();
  }

  /** An id in the form API Gateway gives, e.g. {@code JKJaXmPLvHcESHA=}. */
  private static String requestId() {
    byte[] bytes = new byte[11];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("stopping the HTTP API server: {}", e.getMessage());
    }
    invocations.shutdownNow();
  }
}
