package org.newsindex.local.http;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.newsindex.local.lambda.DeployedFunctions;
import org.newsindex.local.lambda.FunctionRuntime;
import org.newsindex.local.lambda.InvocationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's Lambda proxy integration: invokes the function synchronously with the payload 2.0 event
 * and answers as API Gateway does: 413 if Lambda refuses an event over 6 MB, 503 if the function
 * has not answered within the route's integration timeout (it runs on regardless, as on AWS), 500
 * if it failed (Lambda's response size limit included) or returned what API Gateway cannot use.
 */
final class LambdaIntegration {
  private static final Logger LOG = LoggerFactory.getLogger(LambdaIntegration.class);

  private final DeployedFunctions functions;
  private final ExecutorService invocations;

  LambdaIntegration(DeployedFunctions functions, ExecutorService invocations) {
    this.functions = functions;
    this.invocations = invocations;
  }

  /**
   * @param request the request, for the log: method and raw path
   */
  HttpApiResponse invoke(RouteMatch match, String eventJson, String request) {
    String functionId = match.route().functionLogicalId();
    Optional<FunctionRuntime> function = functions.get(functionId);
    if (function.isEmpty()) {
      LOG.warn(
          "{}: route {} names no loaded function {}",
          request,
          match.route().routeKey(),
          functionId);
      return GatewayErrors.internalServerError();
    }
    Optional<HttpApiResponse> refusal = RequestLimits.checkEvent(eventJson);
    if (refusal.isPresent()) {
      LOG.warn("{} -> 413: the event is over Lambda's 6 MB invocation payload", request);
      return refusal.get();
    }
    long timeoutMillis = match.route().integrationTimeoutMillis();
    Future<InvocationResult> invocation =
        invocations.submit(
            () -> function.get().invoke(eventJson, "http " + match.route().routeKey(), 1));
    InvocationResult result;
    try {
      result = invocation.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "{} -> 503: {} did not answer within the integration timeout of {} ms",
          request,
          functionId,
          timeoutMillis);
      return GatewayErrors.serviceUnavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GatewayErrors.serviceUnavailable();
    } catch (ExecutionException e) {
      LOG.warn("{} -> 500: invoking {} failed", request, functionId, e.getCause());
      return GatewayErrors.internalServerError();
    }
    if (!result.succeeded()) {
      LOG.warn("{} -> 500: {} failed: {}", request, functionId, result.error().get().summary());
      return GatewayErrors.internalServerError();
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
      return GatewayErrors.internalServerError();
    }
  }
}
