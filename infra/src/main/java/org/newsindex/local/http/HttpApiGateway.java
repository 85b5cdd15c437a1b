package org.newsindex.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsindex.local.lambda.DeployedFunctions;
import org.newsindex.local.lambda.FunctionRuntime;
import org.newsindex.local.lambda.InvocationResult;
import org.newsindex.local.template.HttpApiSpec;
import org.newsindex.local.template.HttpRouteSpec;
import org.newsindex.local.template.StackSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway: an HTTP server on 127.0.0.1 that routes requests to functions by the
 * template's HttpApi events and speaks payload format 2.0 to them. Unmatched requests get API
 * Gateway's JSON 404; a failed function gets its JSON 500.
 */
public final class HttpApiGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Api(HttpApiSpec spec, RouteTable routes) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Api> apis;
  private final DeployedFunctions functions;
  private final String accountId;

  private HttpApiGateway(
      HttpServer server,
      ExecutorService threads,
      List<Api> apis,
      DeployedFunctions functions,
      String accountId) {
    this.server = server;
    this.threads = threads;
    this.apis = apis;
    this.functions = functions;
    this.accountId = accountId;
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
    // Without TCP_NODELAY, a response's header and body segments meet the client's delayed ACK
    // and every keep-alive request waits 40 ms more.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            16,
            task -> {
              Thread thread = new Thread(task, "http-api-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    HttpApiGateway gateway =
        new HttpApiGateway(server, threads, apis, functions, stack.identity().accountId());
    server.createContext("/", gateway::handle);
    server.setExecutor(threads);
    server.start();
    return gateway;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpApiResponse response;
      try {
        response = respond(exchange);
      } catch (RuntimeException e) {
        LOG.warn(
            "{} {} failed in the gateway",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            e);
        response = HttpApiResponse.message(500, "Internal Server Error");
      }
      send(exchange, response);
    }
  }

  private HttpApiResponse respond(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    String path = decodePath(rawPath == null || rawPath.isEmpty() ? "/" : rawPath);
    String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String requestId = requestId();
    exchange.getResponseHeaders().add("apigw-requestid", requestId);
    for (Api api : apis) {
      Optional<String> routedPath = withoutStage(api.spec(), path);
      if (routedPath.isEmpty()) {
        continue;
      }
      Optional<RouteMatch> match = api.routes().match(method, routedPath.get());
      if (match.isPresent()) {
        HttpApiRequest request =
            new HttpApiRequest(
                method,
                routedPath.get(),
                rawQuery,
                Map.copyOf(exchange.getRequestHeaders()),
                body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getProtocol());
        HttpApiEvent.Gateway gateway =
            new HttpApiEvent.Gateway(
                accountId,
                api.spec().id(),
                api.spec().stageName(),
                requestId,
                Instant.now(),
                port());
        return invoke(
            match.get(), HttpApiEvent.json(request, match.get(), gateway), method + " " + rawPath);
      }
    }
    LOG.debug("{} {}: no route", method, rawPath);
    return HttpApiResponse.message(404, "Not Found");
  }

  private HttpApiResponse invoke(RouteMatch match, String eventJson, String request) {
    String functionId = match.route().functionLogicalId();
    Optional<FunctionRuntime> function = functions.get(functionId);
    if (function.isEmpty()) {
      LOG.warn(
          "{}: route {} names no loaded function {}",
          request,
          match.route().routeKey(),
          functionId);
      return HttpApiResponse.message(500, "Internal Server Error");
    }
    InvocationResult result =
        function.get().invoke(eventJson, "http " + match.route().routeKey(), 1);
    if (!result.succeeded()) {
      LOG.warn("{} -> 500: {} failed: {}", request, functionId, result.error().get().summary());
      return HttpApiResponse.message(500, "Internal Server Error");
    }
    try {
      HttpApiResponse response = HttpApiResponse.fromFunctionResult(result.response());
      LOG.debug(
          "{} -> {} via {} in {} ms",
          request,
          response.status(),
          functionId,
          result.duration().toMillis());
      return response;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "{} -> 500: {} returned a response API Gateway cannot use: {}",
          request,
          functionId,
          e.getMessage());
      return HttpApiResponse.message(500, "Internal Server Error");
    }
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

  private static void send(HttpExchange exchange, HttpApiResponse response) throws IOException {
    response
        .headers()
        .forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
    boolean noBody =
        response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  /** Percent-decodes a path; unlike query strings, a {@code +} in a path is a plus sign. */
  private static String decodePath(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawPath;
    }
  }

  private static String requestId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
