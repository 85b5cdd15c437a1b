package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.api.ApiException;
import org.newsindex.api.ApiRequest;
import org.newsindex.api.ApiResponse;
import org.newsindex.api.ApiRouter;
import org.newsindex.config.Settings;
import org.newsindex.index.IndexTable;

/**
 * The query function: API Gateway HTTP API (payload 2.0) requests in, the API's JSON (and the
 * search page's files) out.
 */
public final class QueryHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
  private final ApiRouter router;

  public QueryHandler() {
    this(System.getenv());
  }

  public QueryHandler(Map<String, String> env) {
    Settings settings = Settings.from(env);
    byte[] cursorKey =
        settings
            .cursorSigningKey()
            .orElseThrow(
                () ->
                    new IllegalStateException("environment variable CURSOR_SIGNING_KEY is not set"))
            .getBytes(StandardCharsets.UTF_8);
    IndexTable table = new IndexTable(Clients.dynamoDb(settings), settings.tableName());
    this.router =
        new ApiRouter(
            table,
            new TextAnalyzer(),
            cursorKey,
            settings.searchBudget(),
            e -> e.printStackTrace());
    Core.getGlobalContext().register(this);
  }

  /**
   * Runs what the first request would otherwise pay for (the event's JSON, the routes, the search
   * end to end, the SDK's request pipeline and connection, the response's JSON; see {@link
   * QueryPriming}): SnapStart calls it before the snapshot; the benchmark measures it.
   */
  public void warmUp() {
    new QueryPriming(this).run();
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    warmUp();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to refresh: clients fetch credentials per request and connections reopen on demand.
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    long started = System.nanoTime();
    String method =
        event.getRequestContext() != null && event.getRequestContext().getHttp() != null
            ? event.getRequestContext().getHttp().getMethod()
            : "GET";
    ApiResponse response;
    try {
      response =
          router.handle(
              ApiRequest.of(method, stripStage(event), event.getRawQueryString()),
              InvocationDeadline.ofRequest(context));
    } catch (ApiException e) {
      response = ApiResponse.error(e);
    } catch (Throwable e) {
      // Whatever fails (a StackOverflowError too), the caller gets the API's JSON, not Lambda's.
      e.printStackTrace();
      response = ApiRouter.internalError();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("method", method);
    details.put("path", event.getRawPath());
    details.put("status", response.status());
    List<InvocationLog.Metric> metrics = new ArrayList<>();
    metrics.add(
        new InvocationLog.Metric(
            response.status() >= 500
                ? "ServerErrors"
                : response.status() >= 400 ? "ClientErrors" : "Requests",
            "Count",
            1));
    response
        .cost()
        .forEach(
            (name, value) ->
                metrics.add(
                    new InvocationLog.Metric(
                        name.equals("items_read") ? "ItemsRead" : "ReadUnits", "Count", value)));
    InvocationLog.write(
        context,
        "query",
        response.status() >= 500 ? "error" : "ok",
        (System.nanoTime() - started) / 1_000_000,
        details,
        metrics);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(response.headers())
        .withBody(response.body())
        .withIsBase64Encoded(false)
        .build();
  }

  /** The path without a named stage's prefix (with the $default stage there is none). */
  private static String stripStage(APIGatewayV2HTTPEvent event) {
    String path = event.getRawPath() == null ? "/" : event.getRawPath();
    String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
    if (stage != null
        && !stage.isEmpty()
        && !"$default".equals(stage)
        && path.startsWith("/" + stage + "/")) {
      return path.substring(stage.length() + 1);
    }
    return path;
  }
}
