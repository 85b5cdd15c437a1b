package org.newsindex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsindex.local.LocalClients;
import org.newsindex.local.LocalCloud;
import org.newsindex.local.template.BucketSpec;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.HttpRouteSpec;
import org.newsindex.local.template.TableSpec;

/**
 * The one line {@code local} prints on stdout once it serves: {@code READY} and a JSON object with
 * the endpoints and names a client needs. Scripts wait for it and read it.
 */
final class ReadyLine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReadyLine() {}

  static String of(LocalCloud cloud) {
    ObjectNode ready = JSON.createObjectNode();
    ready.put("api", cloud.apiUri().toString());
    ready.put("s3", cloud.s3Endpoint().toString());
    ready.put("dynamodb", cloud.dynamoDbEndpoint().toString());
    ready.put("region", cloud.region());
    if (!cloud.stack().buckets().isEmpty()) {
      ready.put("bucket", cloud.bucket());
    }
    if (!cloud.stack().tables().isEmpty()) {
      ready.put("table", cloud.table());
    }
    ready.put("accessKeyId", LocalClients.ACCESS_KEY_ID);
    ready.put("secretAccessKey", LocalClients.SECRET_ACCESS_KEY);
    ready.put("stackName", cloud.stack().identity().stackName());
    ObjectNode buckets = ready.putObject("buckets");
    for (BucketSpec bucket : cloud.stack().buckets()) {
      buckets.put(bucket.logicalId(), bucket.name());
    }
    ObjectNode tables = ready.putObject("tables");
    for (TableSpec table : cloud.stack().tables()) {
      tables.put(table.logicalId(), table.name());
    }
    ObjectNode functions = ready.putObject("functions");
    for (FunctionSpec function : cloud.stack().functions()) {
      functions.put(function.logicalId(), function.name());
    }
    ObjectNode routes = ready.putObject("routes");
    for (HttpRouteSpec route : cloud.stack().httpRoutes()) {
      routes.put(route.routeKey(), route.functionLogicalId());
    }
    ready.put("seededFiles", cloud.seededFiles());
    ready.put("failedEvents", cloud.failures().size());
    cloud
        .settings()
        .dataDirectory()
        .ifPresent(d -> ready.put("dataDir", d.toAbsolutePath().toString()));
    return "READY " + ready;
  }
}
